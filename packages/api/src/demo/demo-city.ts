import { count, eq } from 'drizzle-orm';
import type { LocalizedText, Role } from '@samrad/core';
import {
  folders,
  groupMemberships,
  participationSettings,
  phases,
  projectMembers,
  projects,
  projectVisibilityGroups,
  registrationQuestions,
  roleAssignments,
  userGroups,
  users,
  type Database,
} from '@samrad/db';
import { hashPassword } from '../auth/passwords.js';
import type { Platform } from '../context.js';

export const demoPassword = 'samrad-demo';

export interface DemoAccount {
  email: string;
  name: string;
  role: Role | 'resident' | 'pending resident';
  scope: string;
}

const day = 24 * 60 * 60 * 1000;
const t = (en: string, sv: string, da: string): LocalizedText => ({ en, sv, da });

/**
 * Fills an empty platform with Lindvik, a demo city: nested folders, projects in every
 * publication status and visibility mode, phases of every method, and one user per role.
 * Returns the accounts to print; does nothing (returns []) when the platform already has projects,
 * so a first admin from the environment may exist beside it.
 */
export async function seedDemoCity(db: Database, platform: Platform): Promise<DemoAccount[]> {
  const [existing] = await db
    .select({ n: count() })
    .from(projects)
    .where(eq(projects.platformId, platform.id));
  if ((existing?.n ?? 0) > 0) return [];
  const passwordHash = await hashPassword(demoPassword);
  const now = Date.now();
  const at = (days: number) => new Date(now + days * day);
  const platformId = platform.id;

  return db.transaction(async (tx) => {
    const folder = async (
      slug: string,
      title: LocalizedText,
      status: 'draft' | 'published',
      parentId?: string,
    ) => {
      const [row] = await tx
        .insert(folders)
        .values({
          platformId,
          slug,
          title,
          status,
          parentId,
          publishedAt: status === 'published' ? at(-90) : null,
        })
        .returning({ id: folders.id });
      return row!.id;
    };
    const urban = await folder(
      'urban-development',
      t('Urban development', 'Stadsutveckling', 'Byudvikling'),
      'published',
    );
    const centre = await folder(
      'city-centre',
      t('City centre', 'Centrum', 'Centrum'),
      'published',
      urban,
    );
    const storgatan = await folder(
      'storgatan',
      t('Storgatan', 'Storgatan', 'Storgatan'),
      'published',
      centre,
    );
    const green = await folder(
      'green-spaces',
      t('Green spaces', 'Grönområden', 'Grønne områder'),
      'published',
      urban,
    );
    const schools = await folder(
      'schools-and-youth',
      t('Schools and youth', 'Skola och unga', 'Skole og unge'),
      'draft',
    );
    const internal = await folder(
      'internal-planning',
      t('Internal planning', 'Intern planering', 'Intern planlægning'),
      'published',
    );

    const [youngResidents] = await tx
      .insert(userGroups)
      .values({
        platformId,
        name: 'Young residents',
        kind: 'manual',
        description: 'Residents aged 13–25',
      })
      .returning({ id: userGroups.id });

    const project = async (input: {
      slug: string;
      title: LocalizedText;
      description: LocalizedText;
      folderId?: string;
      status: 'draft' | 'published' | 'archived';
      listed?: boolean;
      visibleTo?: 'everyone' | 'managers' | 'groups';
      membersOnly?: boolean;
      reviewStatus?: 'none' | 'requested';
      ageDays: number;
    }) => {
      const published = input.status !== 'draft';
      const [row] = await tx
        .insert(projects)
        .values({
          platformId,
          slug: input.slug,
          title: input.title,
          description: input.description,
          folderId: input.folderId,
          status: input.status,
          listed: input.listed ?? true,
          visibleTo: input.visibleTo ?? 'everyone',
          membersOnly: input.membersOnly ?? false,
          joinRequests: input.membersOnly ?? false,
          reviewStatus: input.reviewStatus ?? 'none',
          publishedAt: published ? at(-input.ageDays) : null,
          firstPublishedAt: published ? at(-input.ageDays) : null,
          createdAt: at(-input.ageDays - 7),
        })
        .returning({ id: projects.id });
      return row!.id;
    };

    const cycleLanes = await project({
      slug: 'cycle-lanes-on-storgatan',
      title: t('Cycle lanes on Storgatan', 'Cykelbanor på Storgatan', 'Cykelstier på Storgatan'),
      description: t(
        'Storgatan is being rebuilt. Tell us where cycle lanes should go, then vote on the designs.',
        'Storgatan byggs om. Berätta var cykelbanorna ska gå och rösta sedan på förslagen.',
        'Storgatan bygges om. Fortæl os, hvor cykelstierne skal ligge, og stem derefter på forslagene.',
      ),
      folderId: storgatan,
      status: 'published',
      ageDays: 30,
    });
    const harbourPark = await project({
      slug: 'a-new-park-by-the-harbour',
      title: t('A new park by the harbour', 'En ny park vid hamnen', 'En ny park ved havnen'),
      description: t(
        'The old harbour warehouses make room for a park. What should it have?',
        'De gamla hamnmagasinen ger plats åt en park. Vad ska den innehålla?',
        'De gamle havnepakhuse giver plads til en park. Hvad skal den have?',
      ),
      folderId: green,
      status: 'published',
      ageDays: 20,
    });
    const budget = await project({
      slug: 'budget-2027-your-priorities',
      title: t(
        'Budget 2027: your priorities',
        'Budget 2027: dina prioriteringar',
        'Budget 2027: dine prioriteter',
      ),
      description: t(
        'Share out 1,000,000 SEK between the proposals residents made this spring.',
        'Fördela 1 000 000 kronor mellan förslagen som invånarna lämnade i våras.',
        'Fordel 1.000.000 kroner mellem de forslag, borgerne kom med i foråret.',
      ),
      status: 'published',
      ageDays: 10,
    });
    const library = await project({
      slug: 'library-opening-hours',
      title: t('Library opening hours', 'Bibliotekets öppettider', 'Bibliotekets åbningstider'),
      description: t(
        'A short survey for library visitors, shared at the library desk (unlisted).',
        'En kort enkät för bibliotekets besökare, delad i lånedisken (olistad).',
        'En kort undersøgelse for bibliotekets besøgende, delt ved skranken (ikke listet).',
      ),
      status: 'published',
      listed: false,
      ageDays: 5,
    });
    const youthCouncil = await project({
      slug: 'youth-council-consultation',
      title: t('Youth council consultation', 'Ungdomsrådets samråd', 'Ungdomsrådets høring'),
      description: t(
        'For young residents only: what should the youth council work on?',
        'Bara för unga invånare: vad ska ungdomsrådet arbeta med?',
        'Kun for unge borgere: hvad skal ungdomsrådet arbejde med?',
      ),
      folderId: schools,
      status: 'published',
      visibleTo: 'groups',
      ageDays: 15,
    });
    const winter = await project({
      slug: 'staff-pilot-winter-maintenance',
      title: t(
        'Staff pilot: winter maintenance',
        'Personalpilot: vinterväghållning',
        'Personalepilot: vintervedligeholdelse',
      ),
      description: t(
        'Visible to admins and managers only while the pilot is prepared.',
        'Synlig endast för administratörer och förvaltare medan piloten förbereds.',
        'Kun synlig for administratorer og ledere, mens piloten forberedes.',
      ),
      folderId: internal,
      status: 'published',
      visibleTo: 'managers',
      ageDays: 8,
    });
    const ostra = await project({
      slug: 'neighbourhood-association-ostra',
      title: t(
        'Neighbourhood association: Östra',
        'Grannskapsföreningen Östra',
        'Grundejerforeningen Østra',
      ),
      description: t(
        'A members-only space for Östra neighbours: volunteer for the spring clean-up.',
        'Ett rum för medlemmar i Östra: anmäl dig till vårstädningen.',
        'Et rum for medlemmer i Østra: meld dig til forårsrengøringen.',
      ),
      status: 'published',
      membersOnly: true,
      ageDays: 25,
    });
    const bridge = await project({
      slug: 'harbour-bridge-renovation',
      title: t('Harbour bridge renovation', 'Renovering av hamnbron', 'Renovering af havnebroen'),
      description: t(
        'In preparation: waiting for review before its first publication.',
        'Under förberedelse: väntar på granskning före första publiceringen.',
        'Under forberedelse: afventer gennemgang før første offentliggørelse.',
      ),
      folderId: centre,
      status: 'draft',
      reviewStatus: 'requested',
      ageDays: 0,
    });
    const festival = await project({
      slug: 'old-town-festival-2025',
      title: t('Old town festival 2025', 'Gamla stans festival 2025', 'Gamle bys festival 2025'),
      description: t(
        'Archived: thank you to everyone who helped plan the festival.',
        'Arkiverad: tack till alla som hjälpte till att planera festivalen.',
        'Arkiveret: tak til alle, der hjalp med at planlægge festivalen.',
      ),
      status: 'archived',
      ageDays: 300,
    });
    await project({
      slug: 'bus-stop-shelters',
      title: t(
        'Bus stop shelters',
        'Väderskydd vid busshållplatser',
        'Læskure ved busstoppesteder',
      ),
      description: t(
        'A draft nobody but its managers sees yet.',
        'Ett utkast som bara förvaltarna ser.',
        'Et udkast, kun lederne ser.',
      ),
      folderId: internal,
      status: 'draft',
      ageDays: 0,
    });

    await tx
      .insert(projectVisibilityGroups)
      .values({ platformId, projectId: youthCouncil, groupId: youngResidents!.id });

    type Method = 'ideation' | 'survey' | 'voting' | 'information' | 'poll' | 'volunteering';
    const phase = async (
      projectId: string,
      method: Method,
      title: LocalizedText,
      from: number,
      to: number | null,
      extra: Partial<typeof phases.$inferInsert> = {},
    ) => {
      const [row] = await tx
        .insert(phases)
        .values({
          platformId,
          projectId,
          method,
          title,
          startAt: at(from),
          endAt: to === null ? null : at(to),
          ...extra,
        })
        .returning({ id: phases.id });
      return row!.id;
    };
    const ideas = await phase(cycleLanes, 'ideation', t('Ideas', 'Idéer', 'Idéer'), -30, -5);
    const vote = await phase(
      cycleLanes,
      'voting',
      t('Vote on the designs', 'Rösta på förslagen', 'Stem på forslagene'),
      -5,
      20,
      {
        votingMethod: 'multiple',
        votingMaxChoices: 3,
      },
    );
    await phase(cycleLanes, 'information', t('Construction', 'Byggstart', 'Byggestart'), 20, null);
    const parkSurvey = await phase(
      harbourPark,
      'survey',
      t('Survey', 'Enkät', 'Spørgeskema'),
      -20,
      10,
    );
    const parkPoll = await phase(
      harbourPark,
      'poll',
      t('Name the park', 'Namnge parken', 'Navngiv parken'),
      10,
      30,
    );
    const budgetVote = await phase(
      budget,
      'voting',
      t('Allocate the budget', 'Fördela budgeten', 'Fordel budgettet'),
      -10,
      30,
      {
        votingMethod: 'budget',
        votingBudget: 1_000_000,
      },
    );
    const librarySurvey = await phase(
      library,
      'survey',
      t('Survey', 'Enkät', 'Spørgeskema'),
      -5,
      25,
    );
    const youthIdeas = await phase(
      youthCouncil,
      'ideation',
      t('Proposals', 'Förslag', 'Forslag'),
      -15,
      15,
    );
    await phase(winter, 'information', t('Pilot plan', 'Pilotplan', 'Pilotplan'), -8, null);
    const cleanUp = await phase(
      ostra,
      'volunteering',
      t('Spring clean-up', 'Vårstädning', 'Forårsrengøring'),
      -25,
      40,
    );
    await phase(
      bridge,
      'information',
      t('About the renovation', 'Om renoveringen', 'Om renoveringen'),
      30,
      90,
    );
    await phase(
      festival,
      'information',
      t('Festival programme', 'Festivalprogram', 'Festivalprogram'),
      -300,
      -250,
    );

    const setting = (
      phaseId: string,
      action: typeof participationSettings.$inferInsert.action,
      permittedBy: typeof participationSettings.$inferInsert.permittedBy,
      dataCollection: 'all' | 'demographics' | 'anonymous' = 'all',
    ) => ({ platformId, phaseId, action, permittedBy, dataCollection });
    await tx
      .insert(participationSettings)
      .values([
        setting(ideas, 'post', 'account'),
        setting(ideas, 'comment', 'account'),
        setting(ideas, 'react', 'confirmed_email'),
        setting(vote, 'vote', 'verified', 'anonymous'),
        setting(parkSurvey, 'survey', 'confirmed_email', 'demographics'),
        setting(parkPoll, 'poll', 'confirmed_email'),
        setting(budgetVote, 'vote', 'account', 'anonymous'),
        setting(librarySurvey, 'survey', 'everyone', 'anonymous'),
        setting(youthIdeas, 'post', 'account'),
        setting(youthIdeas, 'comment', 'account'),
        setting(cleanUp, 'volunteer', 'account'),
      ]);

    await tx.insert(registrationQuestions).values([
      {
        platformId,
        key: 'age_group',
        title: t('Age group', 'Åldersgrupp', 'Aldersgruppe'),
        type: 'single',
        options: [
          { key: 'under_18', title: t('Under 18', 'Under 18', 'Under 18') },
          { key: '18_34', title: t('18–34', '18–34', '18–34') },
          { key: '35_64', title: t('35–64', '35–64', '35–64') },
          { key: '65_plus', title: t('65 or older', '65 eller äldre', '65 eller ældre') },
        ],
        required: true,
        position: 0,
      },
      {
        platformId,
        key: 'postcode',
        title: t('Postcode', 'Postnummer', 'Postnummer'),
        type: 'text',
        position: 1,
      },
    ]);

    const accounts: (DemoAccount & { scopeId?: { folderId?: string; projectId?: string } })[] = [
      { email: 'admin@demo.samrad.local', name: 'Astrid Admin', role: 'admin', scope: 'platform' },
      {
        email: 'folder.manager@demo.samrad.local',
        name: 'Folke Folder',
        role: 'folder_manager',
        scope: 'folder Urban development',
        scopeId: { folderId: urban },
      },
      {
        email: 'project.manager@demo.samrad.local',
        name: 'Petra Project',
        role: 'project_manager',
        scope: 'project A new park by the harbour',
        scopeId: { projectId: harbourPark },
      },
      {
        email: 'moderator@demo.samrad.local',
        name: 'Mona Moderator',
        role: 'project_moderator',
        scope: 'project Cycle lanes on Storgatan',
        scopeId: { projectId: cycleLanes },
      },
      {
        email: 'reviewer@demo.samrad.local',
        name: 'Rune Reviewer',
        role: 'project_reviewer',
        scope: 'project Budget 2027',
        scopeId: { projectId: budget },
      },
      {
        email: 'resident@demo.samrad.local',
        name: 'Rita Resident',
        role: 'resident',
        scope: 'member of Young residents and of Östra',
      },
      {
        email: 'pending@demo.samrad.local',
        name: 'Pelle Pending',
        role: 'pending resident',
        scope: 'awaiting approval',
      },
    ];
    const seeded: DemoAccount[] = [];
    for (const account of accounts) {
      const [user] = await tx
        .insert(users)
        .values({
          platformId,
          email: account.email,
          name: account.name,
          status: account.role === 'pending resident' ? 'pending' : 'active',
          passwordHash,
          emailConfirmedAt: at(-60),
        })
        // An account the environment already made (SAMRAD_ADMIN_EMAIL) keeps its own password.
        .onConflictDoNothing()
        .returning({ id: users.id });
      if (!user) continue;
      seeded.push(account);
      const userId = user.id;
      if (account.role === 'resident') {
        await tx
          .insert(groupMemberships)
          .values({ platformId, groupId: youngResidents!.id, groupKind: 'manual', userId });
        await tx
          .insert(projectMembers)
          .values({ platformId, projectId: ostra, userId, source: 'added' });
      } else if (account.role !== 'pending resident') {
        const scopeType =
          account.role === 'admin'
            ? 'platform'
            : account.role === 'folder_manager'
              ? 'folder'
              : 'project';
        await tx
          .insert(roleAssignments)
          .values({ platformId, userId, role: account.role, scopeType, ...account.scopeId });
      }
    }
    return seeded.map(({ email, name, role, scope }) => ({ email, name, role, scope }));
  });
}

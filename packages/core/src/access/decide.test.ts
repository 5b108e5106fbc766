import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  projectVisibilities,
  publicationStatuses,
  type ProjectVisibility,
  type PublicationStatus,
} from '../projects/publication.js';
import { userStatuses } from '../users/status.js';
import { actionRegistry, actions, type Action, type ActionOn } from './actions.js';
import { decide, type AccessDecision } from './decide.js';
import type { DecisionEnv, FolderFacts, ProjectFacts, ScopeFacts, Target } from './facts.js';
import { accessReasons, type AccessReason } from './reasons.js';
import { roles, type Role, type Scope } from './roles.js';
import { compileSubject, visitor, type RoleGrant, type Subject } from './subject.js';

/*
 * The access policy against SPEC 1–3 and 5, written from SPEC: who may do what, where.
 * Expectations are grids of codes, one column per kind of person, so a changed cell is a changed
 * rule. Outside their scope a role holder is a plain signed-in user; pending and blocked users
 * holding roles are visitors (SPEC 2.4).
 */

// ---------------------------------------------------------------------------------------------
// Expectations

interface Expected {
  allowed: boolean;
  reason: AccessReason | null;
}
const codes = {
  Y: { allowed: true, reason: null },
  N: { allowed: false, reason: 'not_permitted' },
  S: { allowed: false, reason: 'not_signed_in' },
  V: { allowed: false, reason: 'not_visible' },
  M: { allowed: false, reason: 'not_a_member' },
  R: { allowed: false, reason: 'review_required' },
  P: { allowed: false, reason: 'already_published' },
  D: { allowed: false, reason: 'delegation_off' },
  L: { allowed: false, reason: 'last_admin' },
} as const satisfies Record<string, Expected>;
type Code = keyof typeof codes;

function cells<C extends string>(columns: readonly C[], line: string): Record<C, Code> {
  const parts = line.trim().split(/\s+/);
  if (parts.length !== columns.length) throw new Error(`bad grid line: ${line}`);
  return Object.fromEntries(
    columns.map((column, i) => {
      const code = parts[i] as Code;
      if (!(code in codes)) throw new Error(`bad code ${code} in ${line}`);
      return [column, code];
    }),
  ) as Record<C, Code>;
}

function expectDecision(decision: AccessDecision, code: Code): void {
  expect({ allowed: decision.allowed, reason: decision.reason }).toEqual(codes[code]);
  expect(decision.trace.length).toBeGreaterThan(0);
  for (const step of decision.trace) expect(step).not.toBe('');
}

// ---------------------------------------------------------------------------------------------
// A city: builders of facts and subjects

interface FolderSpec {
  id: string;
  parent: string | null;
  status: PublicationStatus;
}
interface ProjectSpec {
  id: string;
  folder: string | null;
  status?: PublicationStatus;
  everPublished?: boolean;
  listed?: boolean;
  visibleTo?: ProjectVisibility;
  visibleGroupIds?: string[];
  membersOnly?: boolean;
  joinRequests?: boolean;
}

function buildCity(folderSpecs: FolderSpec[], projectSpecs: ProjectSpec[]) {
  const folders = new Map(folderSpecs.map((f) => [f.id, f]));
  const pathTo = (id: string | null): string[] => {
    const path: string[] = [];
    for (let at = id; at !== null; at = folders.get(at)?.parent ?? null) path.unshift(at);
    return path;
  };
  const projects = new Map<string, ProjectFacts>(
    projectSpecs.map((p) => {
      const folderIds = pathTo(p.folder);
      const status = p.status ?? 'published';
      return [
        p.id,
        {
          id: p.id,
          folderIds,
          status,
          everPublished: p.everPublished ?? status !== 'draft',
          listed: p.listed ?? true,
          visibleTo: p.visibleTo ?? 'everyone',
          visibleGroupIds: p.visibleGroupIds ?? [],
          membersOnly: p.membersOnly ?? false,
          joinRequests: p.joinRequests ?? false,
          inDraftFolder: folderIds.some((id) => folders.get(id)?.status === 'draft'),
        },
      ];
    }),
  );
  const project = (id: string): ProjectFacts => {
    const facts = projects.get(id);
    if (!facts) throw new Error(`no project ${id}`);
    return facts;
  };
  const folder = (id: string): FolderFacts => {
    const spec = folders.get(id);
    if (!spec) throw new Error(`no folder ${id}`);
    return {
      id,
      ancestorIds: pathTo(spec.parent),
      status: spec.status,
      subtreeProjects: [...projects.values()].filter((p) => p.folderIds.includes(id)),
    };
  };
  const scope = (s: Scope): ScopeFacts => {
    switch (s.type) {
      case 'platform':
        return s;
      case 'folder':
        return { type: 'folder', id: s.id, ancestorIds: folder(s.id).ancestorIds };
      case 'project':
        return { type: 'project', id: s.id, folderIds: project(s.id).folderIds };
    }
  };
  const grant = (role: Role, s: Scope): RoleGrant => {
    const facts = scope(s);
    return {
      role,
      scope: s,
      ancestorFolderIds:
        facts.type === 'folder'
          ? facts.ancestorIds
          : facts.type === 'project'
            ? facts.folderIds
            : [],
    };
  };
  return { project, folder, scope, grant };
}
type City = ReturnType<typeof buildCity>;

const platform = { type: 'platform' } as const;
const inFolder = (id: string) => ({ type: 'folder', id }) as const;
const inProject = (id: string) => ({ type: 'project', id }) as const;

interface PersonSpec {
  roles?: [Role, Scope][];
  status?: 'active' | 'pending' | 'blocked';
  groups?: string[];
  memberOf?: string[];
}
function person(city: City, id: string, spec: PersonSpec = {}): Subject {
  return compileSubject({
    userId: id,
    status: spec.status ?? 'active',
    kind: 'full',
    emailConfirmed: true,
    verifiedAt: new Date('2026-01-01'),
    roles: (spec.roles ?? []).map(([role, s]) => city.grant(role, s)),
    groupIds: spec.groups ?? [],
    memberProjectIds: spec.memberOf ?? [],
  });
}

// ---------------------------------------------------------------------------------------------
// The canonical city of the grids
//
// platform
// ├─ folder R            the parent of the folder manager's folder
// │  ├─ folder A         the folder manager's folder
// │  │  ├─ folder A1     a sub-folder
// │  │  │  └─ pA1
// │  │  ├─ pA            the project manager's, moderator's and reviewer's project (published)
// │  │  └─ pNew          a draft never published; the same people hold the same roles on it
// │  ├─ folder B         a sibling folder
// │  │  └─ pB
// │  └─ pR               a project in the parent folder
// └─ pTop                a project directly under the platform

function canonicalCity(folderStatus: PublicationStatus) {
  return buildCity(
    [
      { id: 'R', parent: null, status: folderStatus },
      { id: 'A', parent: 'R', status: folderStatus },
      { id: 'A1', parent: 'A', status: folderStatus },
      { id: 'B', parent: 'R', status: folderStatus },
    ],
    [
      { id: 'pA', folder: 'A' },
      { id: 'pNew', folder: 'A', status: 'draft', everPublished: false },
      { id: 'pA1', folder: 'A1' },
      { id: 'pB', folder: 'B' },
      { id: 'pR', folder: 'R' },
      { id: 'pTop', folder: null },
    ],
  );
}
const city = canonicalCity('published');
const draftCity = canonicalCity('draft');

const whos = [
  'admin',
  'fm',
  'pm',
  'mod',
  'rev',
  'user',
  'visitor',
  'pendingFm',
  'pendingPm',
  'blockedAdmin',
] as const;
type Who = (typeof whos)[number];

function subjects(c: City): Record<Who, Subject> {
  return {
    admin: person(c, 'admin', { roles: [['admin', platform]] }),
    fm: person(c, 'fm', { roles: [['folder_manager', inFolder('A')]] }),
    pm: person(c, 'pm', {
      roles: [
        ['project_manager', inProject('pA')],
        ['project_manager', inProject('pNew')],
      ],
    }),
    mod: person(c, 'mod', {
      roles: [
        ['project_moderator', inProject('pA')],
        ['project_moderator', inProject('pNew')],
      ],
    }),
    rev: person(c, 'rev', {
      roles: [
        ['project_reviewer', inProject('pA')],
        ['project_reviewer', inProject('pNew')],
      ],
    }),
    user: person(c, 'user'),
    visitor,
    pendingFm: person(c, 'pendingFm', {
      status: 'pending',
      roles: [['folder_manager', inFolder('A')]],
    }),
    pendingPm: person(c, 'pendingPm', {
      status: 'pending',
      roles: [['project_manager', inProject('pA')]],
    }),
    blockedAdmin: person(c, 'blockedAdmin', { status: 'blocked', roles: [['admin', platform]] }),
  };
}
const people = subjects(city);
const draftPeople = subjects(draftCity);
const demoted = new Set<Who>(['visitor', 'pendingFm', 'pendingPm', 'blockedAdmin']);

/** How each project relates to the folder manager of A. */
const projectPlace: Record<string, string> = {
  pA: 'in their folder',
  pNew: 'in their folder',
  pA1: 'in a sub-folder',
  pB: 'in a sibling folder',
  pR: 'in the parent folder',
  pTop: 'under the platform',
};

// ---------------------------------------------------------------------------------------------
// SPEC 2.1–2.3, 3: project actions

type ProjectAction = ActionOn<'project'>;
const projectColumns = ['admin', 'fm', 'pm', 'mod', 'rev', 'user', 'visitor'] as const;
type ProjectColumn = (typeof projectColumns)[number];

/** What a person is to a project of the canonical city. */
function projectColumn(who: Who, projectId: string): ProjectColumn {
  if (demoted.has(who)) return 'visitor';
  const own = projectId === 'pA' || projectId === 'pNew';
  switch (who) {
    case 'admin':
      return 'admin';
    case 'fm':
      return own || projectId === 'pA1' ? 'fm' : 'user';
    case 'pm':
    case 'mod':
    case 'rev':
      return own ? who : 'user';
    default:
      return 'user';
  }
}

/*
 * A published, public, listed project that was published before. Columns: admin, folder manager
 * above it, its project manager, its moderator, its reviewer, a signed-in user, a visitor.
 */
const publishedGrid: Record<ProjectAction, string> = {
  //                            adm fm pm mod rev usr vis
  'project.read': '              Y  Y  Y  Y   Y   Y   Y', // 3.4 everyone
  'project.list': '              Y  Y  Y  Y   Y   Y   Y', // 3.3 listed
  'project.readContent': '       Y  Y  Y  Y   Y   Y   Y', // 3.5 not members-only
  'project.readBackOffice': '    Y  Y  Y  Y   Y   N   S', // 2: moderators and reviewers too
  'project.update': '            Y  Y  Y  N   N   N   S', // 2.3 title, description; mod: no settings
  'project.setAccess': '         Y  Y  Y  N   N   N   S', // 2.3 access rights
  'project.publish': '           Y  Y  Y  N   N   N   S', // 2.3 once published: archive, republish
  'project.unpublish': '         Y  Y  N  N   N   N   S', // 2.2 folder managers: back to draft
  'project.requestReview': '     P  P  P  N   N   N   S', // 2.3 only a first publication
  'project.approve': '           Y  Y  N  N   N   N   S', // 2.3 admins and folder managers approve
  'project.delete': '            Y  N  N  N   N   N   S', // 2.2 folder managers cannot delete
  'project.preview': '           Y  Y  Y  N   N   N   S', // 3.1 managers renew the preview link
  'project.move': '              Y  Y  N  N   N   N   S', // choice: admin or folder manager above
  'project.manageMembers': '     Y  Y  Y  N   N   N   S', // 3.5 the project's managers
  'project.emailParticipants': ' Y  Y  Y  N   N   N   S', // 2.3
  'project.exportParticipants': 'Y  Y  Y  N   N   N   S', // 2.3
  'project.viewInsights': '      Y  Y  Y  Y   N   N   S', // 2.3; moderators see participation
  'project.viewVoterIdentities': 'Y N  N  N   N   N   S', // 2.3 except votes linked to identities
  'phase.manage': '              Y  Y  Y  N   N   N   S', // 2.3 phases, participation settings
  'phase.test': '                Y  Y  Y  N   N   N   S', // 2.3 test features
  'event.manage': '              Y  Y  Y  N   N   N   S', // 2.3 events
  'input.moderate': '            Y  Y  Y  Y   N   N   S', // 2 moderators moderate inputs
  'input.answer': '              Y  Y  Y  Y   N   N   S', // 2.3 answers inputs; moderators too
  'input.assess': '              Y  Y  Y  N   Y   N   S', // 2 reviewers write assessments
};

/** The same for a draft never published (pNew): unseen by those without a role on it (3.1). */
const neverPublishedGrid: Record<ProjectAction, string> = {
  //                            adm fm pm mod rev usr vis
  'project.read': '              Y  Y  Y  Y   Y   V   V', // 3.1; choice: moderators read drafts
  'project.list': '              Y  Y  Y  Y   Y   V   V', // listings show drafts to their staff
  'project.readContent': '       Y  Y  Y  Y   Y   V   V',
  'project.readBackOffice': '    Y  Y  Y  Y   Y   V   V',
  'project.update': '            Y  Y  Y  N   N   V   V',
  'project.setAccess': '         Y  Y  Y  N   N   V   V',
  'project.publish': '           Y  Y  R  N   N   V   V', // 2.3 review before first publication
  'project.unpublish': '         Y  Y  N  N   N   V   V',
  'project.requestReview': '     Y  Y  Y  N   N   V   V',
  'project.approve': '           Y  Y  N  N   N   V   V',
  'project.delete': '            Y  N  N  N   N   V   V',
  'project.preview': '           Y  Y  Y  N   N   V   V',
  'project.move': '              Y  Y  N  N   N   V   V',
  'project.manageMembers': '     Y  Y  Y  N   N   V   V',
  'project.emailParticipants': ' Y  Y  Y  N   N   V   V',
  'project.exportParticipants': 'Y  Y  Y  N   N   V   V',
  'project.viewInsights': '      Y  Y  Y  Y   N   V   V',
  'project.viewVoterIdentities': 'Y N  N  N   N   V   V',
  'phase.manage': '              Y  Y  Y  N   N   V   V',
  'phase.test': '                Y  Y  Y  N   N   V   V',
  'event.manage': '              Y  Y  Y  N   N   V   V',
  'input.moderate': '            Y  Y  Y  Y   N   V   V',
  'input.answer': '              Y  Y  Y  Y   N   V   V',
  'input.assess': '              Y  Y  Y  N   Y   V   V',
};

const projectActions = actions.filter(
  (a): a is ProjectAction => actionRegistry[a].target === 'project',
);
const projectIds = ['pA', 'pNew', 'pA1', 'pB', 'pR', 'pTop'] as const;

describe('project actions by role × scope (SPEC 2.1–2.3, 3)', () => {
  it('the grids cover every project action of the registry', () => {
    expect(Object.keys(publishedGrid).sort()).toEqual([...projectActions].sort());
    expect(Object.keys(neverPublishedGrid).sort()).toEqual([...projectActions].sort());
  });

  const rows = projectActions.flatMap((action) =>
    whos.flatMap((who) =>
      projectIds.map((projectId) => {
        const grid = projectId === 'pNew' ? neverPublishedGrid : publishedGrid;
        const column = projectColumn(who, projectId);
        return {
          name: `${who} → ${action} on ${projectId} (${projectPlace[projectId]}, as ${column})`,
          who,
          action,
          projectId,
          code: cells(projectColumns, grid[action])[column],
        };
      }),
    ),
  );
  it.each(rows)('$name', ({ who, action, projectId, code }) => {
    expectDecision(
      decide(people[who], action, { type: 'project', project: city.project(projectId) }),
      code,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// SPEC 1, 2.2, 3.2: folder actions

type FolderAction = ActionOn<'folder'>;
const folderColumns = ['admin', 'fm', 'below', 'user', 'visitor'] as const;
type FolderColumn = (typeof folderColumns)[number];
const folderIds = ['R', 'A', 'A1', 'B'] as const;
const folderPlace: Record<string, string> = {
  R: 'the parent of their folder',
  A: 'their folder',
  A1: 'a sub-folder',
  B: 'a sibling folder',
};

/** admin; manager of the folder or above it; manages something below it; user; visitor. */
function folderColumn(who: Who, folderId: string): FolderColumn {
  if (demoted.has(who)) return 'visitor';
  switch (who) {
    case 'admin':
      return 'admin';
    case 'fm':
      return folderId === 'A' || folderId === 'A1' ? 'fm' : folderId === 'R' ? 'below' : 'user';
    case 'pm':
    case 'mod':
    case 'rev':
      return folderId === 'A' || folderId === 'R' ? 'below' : 'user';
    default:
      return 'user';
  }
}

const publishedFolderGrid: Record<FolderAction, string> = {
  //                       adm fm below usr vis
  'folder.read': '          Y  Y   Y     Y   Y', // 3.2 visible to whoever sees a project in it
  'folder.readPath': '      Y  Y   Y     Y   Y',
  'folder.update': '        Y  Y   N     N   S', // 1: nothing changes above a managed branch
  'folder.publish': '       Y  Y   N     N   S', // 2.2 publishes in their folder
  'folder.createFolder': '  Y  Y   N     N   S', // 2.2 creates sub-folders
  'folder.createProject': ' Y  Y   N     N   S', // 2.2 creates projects
  'folder.delete': '        Y  N   N     N   S', // choice: only admins delete folders
};
const draftFolderGrid: Record<FolderAction, string> = {
  //                       adm fm below usr vis
  'folder.read': '          Y  Y   V     V   V', // 3.1 drafts: managers only
  'folder.readPath': '      Y  Y   Y     V   V', // 1: above a managed branch, name and path only
  'folder.update': '        Y  Y   N     V   V',
  'folder.publish': '       Y  Y   N     V   V',
  'folder.createFolder': '  Y  Y   N     V   V',
  'folder.createProject': ' Y  Y   N     V   V',
  'folder.delete': '        Y  N   N     V   V',
};
const folderActions = actions.filter(
  (a): a is FolderAction => actionRegistry[a].target === 'folder',
);

describe('folder actions by role × scope (SPEC 1, 2.2, 3.2)', () => {
  it('the grids cover every folder action of the registry', () => {
    expect(Object.keys(publishedFolderGrid).sort()).toEqual([...folderActions].sort());
    expect(Object.keys(draftFolderGrid).sort()).toEqual([...folderActions].sort());
  });

  const rows = (['published', 'draft'] as const).flatMap((status) =>
    folderActions.flatMap((action) =>
      whos.flatMap((who) =>
        folderIds.map((folderId) => {
          const grid = status === 'draft' ? draftFolderGrid : publishedFolderGrid;
          const column = folderColumn(who, folderId);
          return {
            name: `${who} → ${action} on ${status} folder ${folderId} (${folderPlace[folderId]} of fm, as ${column})`,
            status,
            who,
            action,
            folderId,
            code: cells(folderColumns, grid[action])[column],
          };
        }),
      ),
    ),
  );
  it.each(rows)('$name', ({ status, who, action, folderId, code }) => {
    const c = status === 'draft' ? draftCity : city;
    const subject = (status === 'draft' ? draftPeople : people)[who];
    expectDecision(decide(subject, action, { type: 'folder', folder: c.folder(folderId) }), code);
  });
});

// ---------------------------------------------------------------------------------------------
// SPEC 2.1, 2.2, 5: platform-wide actions are for admins only

type PlatformAction = ActionOn<'platform'>;
const platformGrid: Record<PlatformAction, string> = {
  //                            adm fm pm mod rev usr vis
  'platform.update': '           Y  N  N  N   N   N   S', // 2.2 branding: not platform-wide
  'platform.email': '            Y  N  N  N   N   N   S', // 2.2, 2.3 platform e-mails
  'platform.analytics': '        Y  N  N  N   N   N   S', // 2.1 full dashboard
  'user.manage': '               Y  N  N  N   N   N   S', // 2.1 manage users, see user data
  'group.edit': '                Y  N  N  N   N   N   S', // 5 only admins create and edit groups
  'registrationQuestion.edit': ' Y  N  N  N   N   N   S', // 2.2, 2.3, 4.5 never managers
  'folder.createTopLevel': '     Y  N  N  N   N   N   S', // 2.2 only inside their subtree
  'project.createTopLevel': '    Y  N  N  N   N   N   S',
  'group.read': '                Y  Y  Y  N   N   N   S', // 5 managers pick existing groups
};
const platformActions = actions.filter(
  (a): a is PlatformAction => actionRegistry[a].target === 'platform',
);

describe('platform actions (SPEC 2.1, 2.2, 5)', () => {
  it('the grid covers every platform action of the registry', () => {
    expect(Object.keys(platformGrid).sort()).toEqual([...platformActions].sort());
  });
  const rows = platformActions.flatMap((action) =>
    whos.map((who) => {
      const column: ProjectColumn = demoted.has(who)
        ? 'visitor'
        : who === 'admin'
          ? 'admin'
          : (who as ProjectColumn);
      return {
        name: `${who} → ${action}`,
        who,
        action,
        code: cells(projectColumns, platformGrid[action])[column],
      };
    }),
  );
  it.each(rows)('$name', ({ who, action, code }) => {
    expectDecision(decide(people[who], action, platform), code);
  });
});

// ---------------------------------------------------------------------------------------------
// SPEC 3.5, 4.1: inputs are the project's content; hidden ones stay with those who run it

type InputAction = ActionOn<'input'>;
const inputGrids: Record<
  InputAction,
  Record<'published' | 'draft', Record<'shown' | 'hidden', string>>
> = {
  'input.read': {
    //                  adm fm pm mod rev usr vis
    published: {
      shown: '           Y  Y  Y  Y   Y   Y   Y', // 3.5 content of a public project
      hidden: '          Y  Y  Y  Y   Y   V   V', // hidden by moderation: staff of the project
    },
    draft: {
      shown: '           Y  Y  Y  Y   Y   V   V', // 3.1 a draft's content: its staff only
      hidden: '          Y  Y  Y  Y   Y   V   V',
    },
  },
};
const inputActions = actions.filter((a): a is InputAction => actionRegistry[a].target === 'input');

describe('input actions by role × scope (SPEC 3, 4.1)', () => {
  it('the grid covers every input action of the registry', () => {
    expect(Object.keys(inputGrids).sort()).toEqual([...inputActions].sort());
  });
  const rows = inputActions.flatMap((action) =>
    whos.flatMap((who) =>
      projectIds.flatMap((projectId) =>
        [false, true].map((hidden) => {
          const column = projectColumn(who, projectId);
          const grid = inputGrids[action][projectId === 'pNew' ? 'draft' : 'published'];
          return {
            name: `${who} → ${action} ${hidden ? 'hidden' : 'shown'} on ${projectId} (as ${column})`,
            who,
            action,
            projectId,
            hidden,
            code: cells(projectColumns, grid[hidden ? 'hidden' : 'shown'])[column],
          };
        }),
      ),
    ),
  );
  it.each(rows)('$name', ({ who, action, projectId, hidden, code }) => {
    expectDecision(
      decide(people[who], action, {
        type: 'input',
        input: { project: city.project(projectId), hidden },
      }),
      code,
    );
  });
  it('a members-only project shows inputs to its members only (SPEC 3.5)', () => {
    const closed = { ...city.project('pB'), membersOnly: true };
    const member = person(city, 'member', { memberOf: ['pB'] });
    const target: Target = { type: 'input', input: { project: closed, hidden: false } };
    expectDecision(decide(member, 'input.read', target), 'Y');
    expectDecision(decide(people.user, 'input.read', target), 'M');
    expectDecision(decide(people.visitor, 'input.read', target), 'M');
  });
});

// ---------------------------------------------------------------------------------------------
// SPEC 2.3, 2.4, 6: people — public profiles and personal data

type UserAction = ActionOn<'user'>;
/** Someone who took part in a project, listed in the member directory or not. */
const userGrids: Record<UserAction, Record<'unlisted' | 'listed', string>> = {
  //                          adm fm pm mod rev usr vis
  'user.read': {
    unlisted: '                Y  Y  Y  V   V   V   V', // 2.3 managers see their participants
    listed: '                  Y  Y  Y  Y   Y   Y   V', // 6 listed: signed-in users; never visitors
  },
  'user.readPersonalData': {
    unlisted: '                Y  Y  Y  V   V   V   V', // 2.3 user data of their participants
    listed: '                  Y  Y  Y  N   N   N   V', // the public part only for the others
  },
};
const userActions = actions.filter((a): a is UserAction => actionRegistry[a].target === 'user');

describe('user actions by role × scope (SPEC 2.3, 2.4, 6)', () => {
  it('the grid covers every user action of the registry', () => {
    expect(Object.keys(userGrids).sort()).toEqual([...userActions].sort());
  });
  const rows = userActions.flatMap((action) =>
    whos.flatMap((who) =>
      projectIds.flatMap((projectId) =>
        [false, true].map((listed) => {
          const column = projectColumn(who, projectId);
          return {
            name: `${who} → ${action} of a ${listed ? 'listed' : 'unlisted'} participant of ${projectId} (as ${column})`,
            who,
            action,
            projectId,
            listed,
            code: cells(projectColumns, userGrids[action][listed ? 'listed' : 'unlisted'])[column],
          };
        }),
      ),
    ),
  );
  it.each(rows)('$name', ({ who, action, projectId, listed, code }) => {
    const participant = city.project(projectId);
    expectDecision(
      decide(people[who], action, {
        type: 'user',
        user: {
          id: 'them',
          listedInDirectory: listed,
          active: true,
          participatedIn: [participant],
        },
      }),
      code,
    );
  });
  it('everyone signed in sees their own profile and data; a pending user is a visitor (SPEC 2.4)', () => {
    const self = { id: 'user', listedInDirectory: false, active: true, participatedIn: [] };
    expectDecision(decide(people.user, 'user.read', { type: 'user', user: self }), 'Y');
    expectDecision(decide(people.user, 'user.readPersonalData', { type: 'user', user: self }), 'Y');
    const pendingSelf = { ...self, id: 'pendingFm' };
    expectDecision(decide(people.pendingFm, 'user.read', { type: 'user', user: pendingSelf }), 'V');
  });
});

// ---------------------------------------------------------------------------------------------
// SPEC 5, 7: actions on any scope — picking groups, the audit log, explanations

type ScopeAction = ActionOn<'scope'>;
const scopeColumns = ['admin', 'manager', 'holder', 'user', 'visitor'] as const;
type ScopeColumn = (typeof scopeColumns)[number];
const scopeGrid: Record<ScopeAction, string> = {
  //                 adm mgr holder usr vis
  'group.use': '      Y   Y    N     N   S', // 5 managers pick existing groups in their scopes
  'audit.read': '     Y   Y    N     N   S', // 7 managers read their scope
  'access.explain': ' Y   Y    N     N   S', // 7
};
const scopeActions = actions.filter((a): a is ScopeAction => actionRegistry[a].target === 'scope');
const scopes: Scope[] = [platform, ...folderIds.map(inFolder), ...projectIds.map(inProject)];
const scopeName = (s: Scope) => (s.type === 'platform' ? 'the platform' : `${s.type} ${s.id}`);

/** admin; manages the scope (folder manager at or above it, its project manager); a moderator or reviewer of it; user; visitor. */
function scopeColumn(who: Who, s: Scope): ScopeColumn {
  if (demoted.has(who)) return 'visitor';
  if (who === 'admin') return 'admin';
  const id = s.type === 'platform' ? '' : s.id;
  const own = id === 'pA' || id === 'pNew';
  switch (who) {
    case 'fm':
      return ['A', 'A1', 'pA', 'pNew', 'pA1'].includes(id) ? 'manager' : 'user';
    case 'pm':
      return own ? 'manager' : 'user';
    case 'mod':
    case 'rev':
      return own ? 'holder' : 'user';
    default:
      return 'user';
  }
}

describe('scope actions (SPEC 5, 7)', () => {
  it('the grid covers every scope action of the registry', () => {
    expect(Object.keys(scopeGrid).sort()).toEqual([...scopeActions].sort());
  });
  const rows = scopeActions.flatMap((action) =>
    whos.flatMap((who) =>
      scopes.map((s) => {
        const column = scopeColumn(who, s);
        return {
          name: `${who} → ${action} on ${scopeName(s)} (as ${column})`,
          who,
          action,
          s,
          code: cells(scopeColumns, scopeGrid[action])[column],
        };
      }),
    ),
  );
  it.each(rows)('$name', ({ who, action, s, code }) => {
    expectDecision(decide(people[who], action, { type: 'scope', scope: city.scope(s) }), code);
  });
});

// ---------------------------------------------------------------------------------------------
// SPEC 2.1–2.3: who gives and takes roles

const appointments: [Role, Scope][] = [
  ['admin', platform],
  ...folderIds.map((id): [Role, Scope] => ['folder_manager', inFolder(id)]),
  ...projectIds.flatMap((id) =>
    (['project_manager', 'project_moderator', 'project_reviewer'] as const).map(
      (role): [Role, Scope] => [role, inProject(id)],
    ),
  ),
];

/**
 * SPEC 2.1: only admins grant the admin role and appoint managers; 2.2: with delegation on, a
 * folder manager appoints folder and project managers inside their branch, never above it;
 * 2.3: project managers cannot appoint project managers. Choice: moderators and reviewers are
 * appointed by whoever manages the project.
 */
function expectedAppointment(who: Who, role: Role, s: Scope, delegation: boolean): Code {
  if (demoted.has(who)) return 'S';
  if (who === 'admin') return 'Y';
  const id = s.type === 'platform' ? '' : s.id;
  const managerRole = role === 'folder_manager' || role === 'project_manager';
  const projectHelper = role === 'project_moderator' || role === 'project_reviewer';
  if (who === 'fm') {
    const inBranch = ['A', 'A1', 'pA', 'pNew', 'pA1'].includes(id);
    if (managerRole && inBranch) return delegation ? 'Y' : 'D';
    if (projectHelper && inBranch) return 'Y';
    return 'N';
  }
  if (who === 'pm') return projectHelper && (id === 'pA' || id === 'pNew') ? 'Y' : 'N';
  return 'N';
}

describe('role.assign and role.revoke (SPEC 2.1–2.3)', () => {
  const rows = (['role.assign', 'role.revoke'] as const).flatMap((action) =>
    [false, true].flatMap((delegation) =>
      whos.flatMap((who) =>
        appointments.map(([role, s]) => ({
          name: `${who} → ${action} ${role} on ${scopeName(s)}, delegation ${delegation ? 'on' : 'off'}`,
          who,
          action,
          role,
          s,
          delegation,
          code: expectedAppointment(who, role, s, delegation),
        })),
      ),
    ),
  );
  it.each(rows)('$name', ({ who, action, role, s, delegation, code }) => {
    expectDecision(
      decide(
        people[who],
        action,
        { type: 'role', role: { role, scope: city.scope(s), isLastAdmin: false } },
        { managersMayDelegate: delegation },
      ),
      code,
    );
  });

  it('covers every role', () => {
    expect(new Set(appointments.map(([role]) => role))).toEqual(new Set(roles));
  });
});

describe('group.change (SPEC 5): admins only, and built-in groups never', () => {
  const group = (builtIn: boolean) => ({ type: 'group', group: { builtIn } }) as const;
  it.each([
    ['an admin, a group of their own', people.admin, false, 'Y'],
    ['an admin, a built-in group', people.admin, true, 'built_in'],
    ['a folder manager', people.fm, false, 'not_permitted'],
    ['a project manager', people.pm, false, 'not_permitted'],
    ['a signed-in user', people.user, false, 'not_permitted'],
    ['a visitor', people.visitor, false, 'not_signed_in'],
  ] as const)('%s', (_, who, builtIn, code) => {
    const decision = decide(who, 'group.change', group(builtIn));
    expect(decision.allowed).toBe(code === 'Y');
    expect(decision.reason).toBe(code === 'Y' ? null : code);
  });
});

describe('the registry', () => {
  it('every action has rows above', () => {
    const covered = new Set<string>([
      ...Object.keys(publishedGrid),
      ...Object.keys(publishedFolderGrid),
      ...Object.keys(platformGrid),
      ...Object.keys(inputGrids),
      ...Object.keys(userGrids),
      'group.change',
      ...Object.keys(scopeGrid),
      'role.assign',
      'role.revoke',
    ]);
    expect([...covered].sort()).toEqual([...actions].sort());
  });
});

// ---------------------------------------------------------------------------------------------
// The limits SPEC names: each row fails if the limit is dropped

const fmAndPm = person(city, 'fmAndPm', {
  roles: [
    ['folder_manager', inFolder('A')],
    ['project_manager', inProject('pNew')],
  ],
});
const archivedOnce = buildCity(
  [{ id: 'A', parent: null, status: 'published' }],
  [{ id: 'pArch', folder: 'A', status: 'archived', everPublished: true }],
);
const pmOfArchived = person(archivedOnce, 'pm', {
  roles: [['project_manager', inProject('pArch')]],
});

const on = {
  project: (id: string): Target => ({ type: 'project', project: city.project(id) }),
  folder: (id: string): Target => ({ type: 'folder', folder: city.folder(id) }),
  scope: (s: Scope): Target => ({ type: 'scope', scope: city.scope(s) }),
  role: (role: Role, s: Scope, isLastAdmin = false): Target => ({
    type: 'role',
    role: { role, scope: city.scope(s), isLastAdmin },
  }),
  /** A role on a scope of the wrong kind (SPEC 2: each role on its own kind of scope). */
  mismatched: (role: Role, s: ScopeFacts): Target => ({ type: 'role', role: { role, scope: s } }),
};
const delegate: DecisionEnv = { managersMayDelegate: true };

// prettier-ignore
const limits: [string, Subject, Action, Target, DecisionEnv, Code][] = [
  // 2.1
  ['2.1 an admin grants the admin role', people.admin, 'role.assign', on.role('admin', platform), {}, 'Y'],
  ['2.1 the last admin can never be removed', people.admin, 'role.revoke', on.role('admin', platform, true), {}, 'L'],
  ['2.1 …not even with delegation on', people.admin, 'role.revoke', on.role('admin', platform, true), delegate, 'L'],
  ['2.1 an admin who is not the last one can be removed', people.admin, 'role.revoke', on.role('admin', platform), {}, 'Y'],
  ['2.1 only admins grant the admin role, not folder managers', people.fm, 'role.assign', on.role('admin', platform), delegate, 'N'],
  ['2.1 only admins revoke the admin role', people.fm, 'role.revoke', on.role('admin', platform, true), delegate, 'N'],
  ['2.1 only admins appoint folder managers (delegation off)', people.fm, 'role.assign', on.role('folder_manager', inFolder('A1')), {}, 'D'],
  ['2.1 only admins appoint project managers (delegation off)', people.fm, 'role.assign', on.role('project_manager', inProject('pA')), {}, 'D'],
  // 2.2
  ['2.2 folder managers cannot delete projects', people.fm, 'project.delete', on.project('pA'), {}, 'N'],
  ['2.2 …not in a sub-folder either', people.fm, 'project.delete', on.project('pA1'), {}, 'N'],
  ['2.2 …but set them back to draft', people.fm, 'project.unpublish', on.project('pA'), {}, 'Y'],
  ['2.2 folder managers approve projects in their folder', people.fm, 'project.approve', on.project('pNew'), {}, 'Y'],
  ['2.2 …and publish them', people.fm, 'project.publish', on.project('pNew'), {}, 'Y'],
  ['2.2 …not in a sibling folder', people.fm, 'project.approve', on.project('pB'), {}, 'N'],
  ['2.2 …not in the parent folder', people.fm, 'project.publish', on.project('pR'), {}, 'N'],
  ['2.2 cannot change registration questions', people.fm, 'registrationQuestion.edit', platform, {}, 'N'],
  ['2.2 cannot change branding', people.fm, 'platform.update', platform, {}, 'N'],
  ['2.2 cannot send platform e-mails', people.fm, 'platform.email', platform, {}, 'N'],
  ['2.2 cannot manage users', people.fm, 'user.manage', platform, {}, 'N'],
  ['2.2 cannot give roles outside the branch: a sibling folder', people.fm, 'role.assign', on.role('folder_manager', inFolder('B')), delegate, 'N'],
  ['2.2 cannot give roles outside the branch: a sibling project', people.fm, 'role.assign', on.role('project_manager', inProject('pB')), delegate, 'N'],
  ['2.2 cannot give roles outside the branch: a top-level project', people.fm, 'role.assign', on.role('project_moderator', inProject('pTop')), delegate, 'N'],
  ['2.2 delegation never above the branch: the parent folder', people.fm, 'role.assign', on.role('folder_manager', inFolder('R')), delegate, 'N'],
  ['2.2 delegation never above the branch: a project of the parent', people.fm, 'role.assign', on.role('project_manager', inProject('pR')), delegate, 'N'],
  ['2.2 delegation never above the branch: removing a manager above', people.fm, 'role.revoke', on.role('folder_manager', inFolder('R')), delegate, 'N'],
  ['2.2 delegation off by default', people.fm, 'role.assign', on.role('folder_manager', inFolder('A1')), {}, 'D'],
  ['2.2 delegation on: appoints a folder manager below', people.fm, 'role.assign', on.role('folder_manager', inFolder('A1')), delegate, 'Y'],
  ['2.2 delegation on: appoints at their own level', people.fm, 'role.assign', on.role('folder_manager', inFolder('A')), delegate, 'Y'],
  ['2.2 delegation on: appoints a project manager in a sub-folder', people.fm, 'role.assign', on.role('project_manager', inProject('pA1')), delegate, 'Y'],
  ['2.2 delegation on: removes a project manager in the branch', people.fm, 'role.revoke', on.role('project_manager', inProject('pA')), delegate, 'Y'],
  ['2.2 delegation off: cannot remove a project manager', people.fm, 'role.revoke', on.role('project_manager', inProject('pA')), {}, 'D'],
  ['2.2 edits their folder', people.fm, 'folder.update', on.folder('A'), {}, 'Y'],
  ['2.2 creates sub-folders and projects there', people.fm, 'folder.createProject', on.folder('A1'), {}, 'Y'],
  ['1 changes nothing above the branch', people.fm, 'folder.update', on.folder('R'), {}, 'N'],
  ['1 creates nothing above the branch', people.fm, 'folder.createProject', on.folder('R'), {}, 'N'],
  ['2.2 cannot create at the top level', people.fm, 'project.createTopLevel', platform, {}, 'N'],
  // 2.3
  ['2.3 project managers cannot appoint project managers', people.pm, 'role.assign', on.role('project_manager', inProject('pA')), {}, 'N'],
  ['2.3 …not even with delegation on', people.pm, 'role.assign', on.role('project_manager', inProject('pA')), delegate, 'N'],
  ['2.3 …nor remove them', people.pm, 'role.revoke', on.role('project_manager', inProject('pA')), delegate, 'N'],
  ['2.3 cannot edit registration questions', people.pm, 'registrationQuestion.edit', platform, {}, 'N'],
  ['2.3 cannot see votes linked to identities', people.pm, 'project.viewVoterIdentities', on.project('pA'), {}, 'N'],
  ['2.3 sees insights', people.pm, 'project.viewInsights', on.project('pA'), {}, 'Y'],
  ['2.3 exports participants', people.pm, 'project.exportParticipants', on.project('pA'), {}, 'Y'],
  ['2.3 cannot e-mail outside their projects: platform e-mails', people.pm, 'platform.email', platform, {}, 'N'],
  ['2.3 cannot e-mail outside their projects: another project', people.pm, 'project.emailParticipants', on.project('pB'), {}, 'N'],
  ['2.3 e-mails their participants', people.pm, 'project.emailParticipants', on.project('pA'), {}, 'Y'],
  ['2.3 may test a phase', people.pm, 'phase.test', on.project('pA'), {}, 'Y'],
  ['2.3 same rights as an admin in the project: assessments', people.pm, 'input.assess', on.project('pA'), {}, 'Y'],
  ['2.3 same rights as an admin only inside one project', people.pm, 'project.update', on.project('pA1'), {}, 'N'],
  ['2.3 a first publication needs a review', people.pm, 'project.publish', on.project('pNew'), {}, 'R'],
  ['2.3 …which the project manager requests', people.pm, 'project.requestReview', on.project('pNew'), {}, 'Y'],
  ['2.3 …and cannot approve', people.pm, 'project.approve', on.project('pNew'), {}, 'N'],
  ['2.3 …an admin approves it', people.admin, 'project.approve', on.project('pNew'), {}, 'Y'],
  ['2.3 …or a folder manager above', people.fm, 'project.approve', on.project('pNew'), {}, 'Y'],
  ['2.3 a project manager who is also folder manager above publishes', fmAndPm, 'project.publish', on.project('pNew'), {}, 'Y'],
  ['2.3 once published, they archive it', people.pm, 'project.publish', on.project('pA'), {}, 'Y'],
  ['2.3 …but do not set it back to draft', people.pm, 'project.unpublish', on.project('pA'), {}, 'N'],
  ['2.3 once published, they publish it again', pmOfArchived, 'project.publish', { type: 'project', project: archivedOnce.project('pArch') }, {}, 'Y'],
  ['2.3 once published, no review to request', people.pm, 'project.requestReview', on.project('pA'), {}, 'P'],
  ['2.3 moves need a folder manager above (choice)', people.pm, 'project.move', on.project('pA'), {}, 'N'],
  ['2.3 appoints moderators (choice)', people.pm, 'role.assign', on.role('project_moderator', inProject('pA')), {}, 'Y'],
  ['2.3 appoints reviewers (choice)', people.pm, 'role.assign', on.role('project_reviewer', inProject('pA')), {}, 'Y'],
  ['2.3 …not in another project', people.pm, 'role.assign', on.role('project_reviewer', inProject('pB')), {}, 'N'],
  // 2: moderators and reviewers
  ['2 moderators change no settings', people.mod, 'project.update', on.project('pA'), {}, 'N'],
  ['2 moderators change no phases', people.mod, 'phase.manage', on.project('pA'), {}, 'N'],
  ['2 moderators moderate', people.mod, 'input.moderate', on.project('pA'), {}, 'Y'],
  ['2 moderators answer residents', people.mod, 'input.answer', on.project('pA'), {}, 'Y'],
  ['2 moderators see participation', people.mod, 'project.viewInsights', on.project('pA'), {}, 'Y'],
  ['2 moderators appoint nobody', people.mod, 'role.assign', on.role('project_moderator', inProject('pA')), delegate, 'N'],
  ['2 reviewers are read-only: no moderation', people.rev, 'input.moderate', on.project('pA'), {}, 'N'],
  ['2 reviewers are read-only: no settings', people.rev, 'project.setAccess', on.project('pA'), {}, 'N'],
  ['2 reviewers write assessments', people.rev, 'input.assess', on.project('pA'), {}, 'Y'],
  ['2 reviewers open the back office', people.rev, 'project.readBackOffice', on.project('pA'), {}, 'Y'],
  ['2 a role holds on its own kind of scope: no admin on a folder', people.admin, 'role.assign', on.mismatched('admin', city.scope(inFolder('A'))), {}, 'N'],
  ['2 …no folder manager on a project', people.admin, 'role.assign', on.mismatched('folder_manager', city.scope(inProject('pA'))), {}, 'N'],
  ['2 …no project manager on a folder', people.fm, 'role.assign', on.mismatched('project_manager', city.scope(inFolder('A1'))), delegate, 'N'],
  ['2 …no moderator on the platform', people.admin, 'role.assign', on.mismatched('project_moderator', platform), {}, 'N'],
  // 2.4
  ['2.4 a pending folder manager is a visitor', people.pendingFm, 'folder.update', on.folder('A'), {}, 'S'],
  ['2.4 a pending project manager is a visitor', people.pendingPm, 'project.update', on.project('pA'), {}, 'S'],
  ['2.4 …and does not see its draft', person(city, 'pendingPmNew', { status: 'pending', roles: [['project_manager', inProject('pNew')]] }), 'project.read', on.project('pNew'), {}, 'V'],
  ['2.4 a blocked admin is a visitor', people.blockedAdmin, 'platform.update', platform, {}, 'S'],
  ['2.4 a blocked admin grants nothing', people.blockedAdmin, 'role.assign', on.role('admin', platform), {}, 'S'],
  // 5
  ['5 only admins edit groups', people.fm, 'group.edit', platform, {}, 'N'],
  ['5 folder managers pick groups in their scope', people.fm, 'group.use', on.scope(inFolder('A1')), {}, 'Y'],
  ['5 …not outside it', people.fm, 'group.use', on.scope(inFolder('B')), {}, 'N'],
  ['5 project managers pick groups in their project', people.pm, 'group.use', on.scope(inProject('pA')), {}, 'Y'],
  ['5 …not in its folder', people.pm, 'group.use', on.scope(inFolder('A')), {}, 'N'],
  // 7
  ['7 admins read the whole audit log', people.admin, 'audit.read', on.scope(platform), {}, 'Y'],
  ['7 managers read their scope only', people.fm, 'audit.read', on.scope(platform), {}, 'N'],
  ['7 managers read their scope', people.fm, 'audit.read', on.scope(inProject('pA1')), {}, 'Y'],
  ['7 admins ask for explanations', people.admin, 'access.explain', on.scope(inProject('pB')), {}, 'Y'],
];

describe('the limits SPEC names', () => {
  it.each(
    limits.map(([name, subject, action, target, env, code]) => ({
      name,
      subject,
      action,
      target,
      env,
      code,
    })),
  )('$name', ({ subject, action, target, env, code }) => {
    expectDecision(decide(subject, action, target, env), code);
  });
});

// ---------------------------------------------------------------------------------------------
// SPEC 3: visibility

//
// platform
// ├─ folder F (published)       draft, archived, unlisted, managersOnly, groupsOnly, members
// ├─ folder E (published)       empty
// ├─ folder D (draft)           inDraft (published)
// ├─ folder Z (published)       allDraft1, allDraft2 (drafts)
// ├─ folder H (published)       halfDraft (draft), halfPublished
// ├─ folder G (published)       groupProject (visible to group g1)
// ├─ folder M (published)       managersProject (visible to managers only)
// └─ folder X (archived)        oldProject (archived)
const vis = buildCity(
  [
    { id: 'F', parent: null, status: 'published' },
    { id: 'E', parent: null, status: 'published' },
    { id: 'D', parent: null, status: 'draft' },
    { id: 'Z', parent: null, status: 'published' },
    { id: 'H', parent: null, status: 'published' },
    { id: 'G', parent: null, status: 'published' },
    { id: 'M', parent: null, status: 'published' },
    { id: 'X', parent: null, status: 'archived' },
  ],
  [
    { id: 'draft', folder: 'F', status: 'draft', everPublished: false },
    { id: 'archived', folder: 'F', status: 'archived' },
    { id: 'public', folder: 'F' },
    { id: 'unlisted', folder: 'F', listed: false },
    { id: 'managersOnly', folder: 'F', visibleTo: 'managers' },
    { id: 'groupsOnly', folder: 'F', visibleTo: 'groups', visibleGroupIds: ['g1', 'g3'] },
    { id: 'members', folder: 'F', membersOnly: true, joinRequests: true },
    { id: 'inDraft', folder: 'D' },
    { id: 'allDraft1', folder: 'Z', status: 'draft', everPublished: false },
    { id: 'allDraft2', folder: 'Z', status: 'draft', everPublished: true },
    { id: 'halfDraft', folder: 'H', status: 'draft', everPublished: false },
    { id: 'halfPublished', folder: 'H' },
    { id: 'groupProject', folder: 'G', visibleTo: 'groups', visibleGroupIds: ['g1'] },
    { id: 'managersProject', folder: 'M', visibleTo: 'managers' },
    { id: 'oldProject', folder: 'X', status: 'archived' },
  ],
);
const v = {
  admin: person(vis, 'admin', { roles: [['admin', platform]] }),
  fmF: person(vis, 'fmF', { roles: [['folder_manager', inFolder('F')]] }),
  fmD: person(vis, 'fmD', { roles: [['folder_manager', inFolder('D')]] }),
  fmE: person(vis, 'fmE', { roles: [['folder_manager', inFolder('E')]] }),
  fmZ: person(vis, 'fmZ', { roles: [['folder_manager', inFolder('Z')]] }),
  pmDraft: person(vis, 'pmDraft', { roles: [['project_manager', inProject('draft')]] }),
  modDraft: person(vis, 'modDraft', { roles: [['project_moderator', inProject('draft')]] }),
  revDraft: person(vis, 'revDraft', { roles: [['project_reviewer', inProject('draft')]] }),
  pmManagersOnly: person(vis, 'pmManagersOnly', {
    roles: [['project_manager', inProject('managersOnly')]],
  }),
  modManagersOnly: person(vis, 'modManagersOnly', {
    roles: [['project_moderator', inProject('managersOnly')]],
  }),
  pmAllDraft: person(vis, 'pmAllDraft', { roles: [['project_manager', inProject('allDraft1')]] }),
  pmInDraft: person(vis, 'pmInDraft', { roles: [['project_manager', inProject('inDraft')]] }),
  modInDraft: person(vis, 'modInDraft', { roles: [['project_moderator', inProject('inDraft')]] }),
  pendingPmInDraft: person(vis, 'pendingPmInDraft', {
    status: 'pending',
    roles: [['project_manager', inProject('inDraft')]],
  }),
  user: person(vis, 'user'),
  member: person(vis, 'member', { groups: ['g1'], memberOf: ['members'] }),
  g3: person(vis, 'g3', { groups: ['g3'] }),
  g2: person(vis, 'g2', { groups: ['g2'] }),
  pendingMember: person(vis, 'pendingMember', {
    status: 'pending',
    groups: ['g1'],
    memberOf: ['members'],
  }),
  blockedMember: person(vis, 'blockedMember', {
    status: 'blocked',
    groups: ['g1'],
    memberOf: ['members'],
  }),
  pendingPmDraft: person(vis, 'pendingPmDraft', {
    status: 'pending',
    roles: [['project_manager', inProject('draft')]],
  }),
  visitor,
};
type V = keyof typeof v;
const preview: DecisionEnv = { previewGranted: true };
const search: DecisionEnv = { searching: true };

// prettier-ignore
const visibilityRows: [string, V, Action, { project: string } | { folder: string }, DecisionEnv, Code][] = [
  // 3.1 drafts: only those who manage them, and preview links
  ['3.1 draft: admins see it', 'admin', 'project.read', { project: 'draft' }, {}, 'Y'],
  ['3.1 draft: the folder manager above sees it', 'fmF', 'project.read', { project: 'draft' }, {}, 'Y'],
  ['3.1 draft: its project manager sees it', 'pmDraft', 'project.read', { project: 'draft' }, {}, 'Y'],
  ['3.1 draft: its moderator sees it (choice)', 'modDraft', 'project.read', { project: 'draft' }, {}, 'Y'],
  ['3.1 draft: its reviewer sees it (choice)', 'revDraft', 'project.read', { project: 'draft' }, {}, 'Y'],
  ['3.1 draft: a user does not', 'user', 'project.read', { project: 'draft' }, {}, 'V'],
  ['3.1 draft: a visitor does not', 'visitor', 'project.read', { project: 'draft' }, {}, 'V'],
  ['3.1 draft: a folder manager elsewhere does not', 'fmE', 'project.read', { project: 'draft' }, {}, 'V'],
  ['3.1 draft: a pending project manager does not', 'pendingPmDraft', 'project.read', { project: 'draft' }, {}, 'V'],
  ['3.1 draft: no content for a user', 'user', 'project.readContent', { project: 'draft' }, {}, 'V'],
  ['3.1 draft: a user with the preview link sees it', 'user', 'project.read', { project: 'draft' }, preview, 'Y'],
  ['3.1 draft: a visitor with the preview link sees it', 'visitor', 'project.read', { project: 'draft' }, preview, 'Y'],
  ['3.1 draft: the preview link shows its content', 'visitor', 'project.readContent', { project: 'draft' }, preview, 'Y'],
  ['3.1 draft: the preview link does not list it', 'user', 'project.list', { project: 'draft' }, preview, 'V'],
  ['3.1 draft: the preview link gives no management', 'user', 'project.update', { project: 'draft' }, preview, 'N'],
  ['3.1 draft: …nor does it to a visitor', 'visitor', 'project.preview', { project: 'draft' }, preview, 'S'],
  ['3.1 draft: listed for its managers (choice)', 'pmDraft', 'project.list', { project: 'draft' }, {}, 'Y'],
  ['3.1 draft: listed for admins', 'admin', 'project.list', { project: 'draft' }, {}, 'Y'],
  ['3.1 draft: not listed for users', 'user', 'project.list', { project: 'draft' }, {}, 'V'],
  ['3.1 draft: its managers renew the preview link', 'pmDraft', 'project.preview', { project: 'draft' }, {}, 'Y'],
  ['3.1 draft: moderators do not renew it', 'modDraft', 'project.preview', { project: 'draft' }, {}, 'N'],
  // 3.1 archived: visible, read-only
  ['3.1 archived: visible to visitors', 'visitor', 'project.read', { project: 'archived' }, {}, 'Y'],
  ['3.1 archived: listed', 'user', 'project.list', { project: 'archived' }, {}, 'Y'],
  ['3.1 archived: its content is readable', 'visitor', 'project.readContent', { project: 'archived' }, {}, 'Y'],
  ['3.1 archived: read-only for users', 'user', 'project.update', { project: 'archived' }, {}, 'N'],
  ['3.1 archived: the folder manager above republishes', 'fmF', 'project.publish', { project: 'archived' }, {}, 'Y'],
  // 3.3 listed / unlisted
  ['3.3 listed: in listings for visitors', 'visitor', 'project.list', { project: 'public' }, {}, 'Y'],
  ['3.3 unlisted: reachable by its link', 'visitor', 'project.read', { project: 'unlisted' }, {}, 'Y'],
  ['3.3 unlisted: its content by its link', 'user', 'project.readContent', { project: 'unlisted' }, {}, 'Y'],
  ['3.3 unlisted: absent from listings for visitors', 'visitor', 'project.list', { project: 'unlisted' }, {}, 'V'],
  ['3.3 unlisted: absent from listings for users', 'user', 'project.list', { project: 'unlisted' }, {}, 'V'],
  ['3.3 unlisted: absent from listings for everyone', 'admin', 'project.list', { project: 'unlisted' }, {}, 'V'],
  // 3.4 who can see it
  ['3.4 everyone: visitors', 'visitor', 'project.read', { project: 'public' }, {}, 'Y'],
  ['3.4 managers only: admins', 'admin', 'project.read', { project: 'managersOnly' }, {}, 'Y'],
  ['3.4 managers only: folder managers above', 'fmF', 'project.read', { project: 'managersOnly' }, {}, 'Y'],
  ['3.4 managers only: its project managers', 'pmManagersOnly', 'project.read', { project: 'managersOnly' }, {}, 'Y'],
  ['3.4 managers only: its moderators (choice)', 'modManagersOnly', 'project.read', { project: 'managersOnly' }, {}, 'Y'],
  ['3.4 managers only: not users', 'user', 'project.read', { project: 'managersOnly' }, {}, 'V'],
  ['3.4 managers only: not group members', 'member', 'project.read', { project: 'managersOnly' }, {}, 'V'],
  ['3.4 managers only: not visitors', 'visitor', 'project.read', { project: 'managersOnly' }, {}, 'V'],
  ['3.4 managers only: not managers of another folder', 'fmE', 'project.read', { project: 'managersOnly' }, {}, 'V'],
  ['3.4 managers only: not managers of another project', 'pmDraft', 'project.read', { project: 'managersOnly' }, {}, 'V'],
  ['3.4 managers only: not listed for users', 'user', 'project.list', { project: 'managersOnly' }, {}, 'V'],
  ['3.4 managers only: no management for the hidden', 'user', 'project.update', { project: 'managersOnly' }, {}, 'V'],
  ['3.4 groups: a member of the first group', 'member', 'project.read', { project: 'groupsOnly' }, {}, 'Y'],
  ['3.4 groups: a member of any chosen group', 'g3', 'project.read', { project: 'groupsOnly' }, {}, 'Y'],
  ['3.4 groups: a member of another group', 'g2', 'project.read', { project: 'groupsOnly' }, {}, 'V'],
  ['3.4 groups: a user in no group', 'user', 'project.read', { project: 'groupsOnly' }, {}, 'V'],
  ['3.4 groups: visitors', 'visitor', 'project.read', { project: 'groupsOnly' }, {}, 'V'],
  ['3.4 groups: a pending member of the group', 'pendingMember', 'project.read', { project: 'groupsOnly' }, {}, 'V'],
  ['3.4 groups: a blocked member of the group', 'blockedMember', 'project.read', { project: 'groupsOnly' }, {}, 'V'],
  ['3.4 groups: plus admins', 'admin', 'project.read', { project: 'groupsOnly' }, {}, 'Y'],
  ['3.4 groups: plus managers above', 'fmF', 'project.read', { project: 'groupsOnly' }, {}, 'Y'],
  ['3.4 groups: listed for members', 'member', 'project.list', { project: 'groupsOnly' }, {}, 'Y'],
  ['3.4 groups: content for members', 'g3', 'project.readContent', { project: 'groupsOnly' }, {}, 'Y'],
  ['3.4 groups: no content for others', 'g2', 'project.readContent', { project: 'groupsOnly' }, {}, 'V'],
  // 3.5 members only: the public card for all who see it, the content for members
  ['3.5 members only: the card for users', 'user', 'project.read', { project: 'members' }, {}, 'Y'],
  ['3.5 members only: the card for visitors', 'visitor', 'project.read', { project: 'members' }, {}, 'Y'],
  ['3.5 members only: listed', 'visitor', 'project.list', { project: 'members' }, {}, 'Y'],
  ['3.5 members only: no content for a user', 'user', 'project.readContent', { project: 'members' }, {}, 'M'],
  ['3.5 members only: no content for a visitor', 'visitor', 'project.readContent', { project: 'members' }, {}, 'M'],
  ['3.5 members only: content for members', 'member', 'project.readContent', { project: 'members' }, {}, 'Y'],
  ['3.5 members only: no content for a pending member', 'pendingMember', 'project.readContent', { project: 'members' }, {}, 'M'],
  ['3.5 members only: content for admins', 'admin', 'project.readContent', { project: 'members' }, {}, 'Y'],
  ['3.5 members only: content for managers above', 'fmF', 'project.readContent', { project: 'members' }, {}, 'Y'],
  ['3.5 members only: managers decide join requests', 'fmF', 'project.manageMembers', { project: 'members' }, {}, 'Y'],
  ['3.5 members only: members do not', 'member', 'project.manageMembers', { project: 'members' }, {}, 'N'],
  // 3.2 folders
  ['3.2 a published folder with a public project: visitors', 'visitor', 'folder.read', { folder: 'F' }, {}, 'Y'],
  ['3.2 an empty published folder: visitors', 'visitor', 'folder.read', { folder: 'E' }, {}, 'Y'],
  ['3.2 an empty published folder: users', 'user', 'folder.read', { folder: 'E' }, {}, 'Y'],
  ['3.2 all projects drafts: hidden from visitors', 'visitor', 'folder.read', { folder: 'Z' }, {}, 'V'],
  ['3.2 all projects drafts: hidden from users', 'user', 'folder.read', { folder: 'Z' }, {}, 'V'],
  ['3.2 all projects drafts: not even as a path', 'user', 'folder.readPath', { folder: 'Z' }, {}, 'V'],
  ['3.2 all projects drafts: seen by its folder manager', 'fmZ', 'folder.read', { folder: 'Z' }, {}, 'Y'],
  ['3.2 all projects drafts: seen by admins', 'admin', 'folder.read', { folder: 'Z' }, {}, 'Y'],
  ['3.2 all projects drafts: seen by a manager of one of them', 'pmAllDraft', 'folder.read', { folder: 'Z' }, {}, 'Y'],
  ['3.2 one project published: visible to visitors', 'visitor', 'folder.read', { folder: 'H' }, {}, 'Y'],
  ['3.2 its only project for group g1: members see the folder', 'member', 'folder.read', { folder: 'G' }, {}, 'Y'],
  ['3.2 its only project for group g1: others do not', 'g2', 'folder.read', { folder: 'G' }, {}, 'V'],
  ['3.2 its only project for group g1: visitors do not', 'visitor', 'folder.read', { folder: 'G' }, {}, 'V'],
  ['3.2 its only project for managers: users do not see it', 'user', 'folder.read', { folder: 'M' }, {}, 'V'],
  ['3.2 its only project for managers: admins do', 'admin', 'folder.read', { folder: 'M' }, {}, 'Y'],
  ['3.1 an archived folder is visible', 'visitor', 'folder.read', { folder: 'X' }, {}, 'Y'],
  ['3.1 an archived folder is read-only', 'user', 'folder.update', { folder: 'X' }, {}, 'N'],
  ['3.2 a draft folder: hidden from visitors', 'visitor', 'folder.read', { folder: 'D' }, {}, 'V'],
  ['3.2 a draft folder: hidden from users', 'user', 'folder.read', { folder: 'D' }, {}, 'V'],
  ['3.2 a draft folder: seen by its manager', 'fmD', 'folder.read', { folder: 'D' }, {}, 'Y'],
  ['3.2 a draft folder: its published project reachable by link', 'visitor', 'project.read', { project: 'inDraft' }, {}, 'Y'],
  ['3.2 a draft folder: …with its content', 'user', 'project.readContent', { project: 'inDraft' }, {}, 'Y'],
  ['3.2 a draft folder: …not listed for visitors', 'visitor', 'project.list', { project: 'inDraft' }, {}, 'V'],
  ['3.2 a draft folder: …not listed for users', 'user', 'project.list', { project: 'inDraft' }, {}, 'V'],
  ['3.2 a draft folder: …listed for its manager', 'fmD', 'project.list', { project: 'inDraft' }, {}, 'Y'],
  ['3.2 a draft folder: …listed for admins', 'admin', 'project.list', { project: 'inDraft' }, {}, 'Y'],
  ['3.2 a draft folder: …found by search', 'visitor', 'project.list', { project: 'inDraft' }, search, 'Y'],
  ['3.3 unlisted: not found by search either', 'visitor', 'project.list', { project: 'unlisted' }, search, 'V'],
  ['3.1 draft: not found by search', 'user', 'project.list', { project: 'draft' }, search, 'V'],
  ['3.4 managers only: not found by search', 'user', 'project.list', { project: 'managersOnly' }, search, 'V'],
  // 1 ancestors of a managed branch: name and path only
  ['1 a draft folder above a managed project: its path', 'pmInDraft', 'folder.readPath', { folder: 'D' }, {}, 'Y'],
  ['1 …not the folder itself', 'pmInDraft', 'folder.read', { folder: 'D' }, {}, 'V'],
  ['1 …and nothing changes there', 'pmInDraft', 'folder.update', { folder: 'D' }, {}, 'N'],
  ['1 …nor does anything get created there', 'pmInDraft', 'folder.createProject', { folder: 'D' }, {}, 'N'],
  ['1 …a moderator finds their way too', 'modInDraft', 'folder.readPath', { folder: 'D' }, {}, 'Y'],
  ['1 …a pending manager does not', 'pendingPmInDraft', 'folder.readPath', { folder: 'D' }, {}, 'V'],
  ['1 …nor a manager of another folder', 'fmE', 'folder.readPath', { folder: 'D' }, {}, 'V'],
];

describe('visibility (SPEC 1, 3, 5)', () => {
  it.each(
    visibilityRows.map(([name, who, action, where, env, code]) => ({
      name,
      who,
      action,
      where,
      env,
      code,
    })),
  )('$name', ({ who, action, where, env, code }) => {
    const target: Target =
      'project' in where
        ? { type: 'project', project: vis.project(where.project) }
        : { type: 'folder', folder: vis.folder(where.folder) };
    expectDecision(decide(v[who], action, target, env), code);
  });
});

// ---------------------------------------------------------------------------------------------
// Every decision is a value: never an exception, always a reason when refused, always a trace

const folderIdArb = fc.constantFrom('f1', 'f2', 'f3', 'f4');
const projectIdArb = fc.constantFrom('p1', 'p2', 'p3');
const groupIds = ['g1', 'g2', 'g3'];
const projectArb: fc.Arbitrary<ProjectFacts> = fc.record({
  id: projectIdArb,
  folderIds: fc.uniqueArray(folderIdArb, { maxLength: 3 }),
  status: fc.constantFrom(...publicationStatuses),
  everPublished: fc.boolean(),
  listed: fc.boolean(),
  visibleTo: fc.constantFrom(...projectVisibilities),
  visibleGroupIds: fc.subarray(groupIds),
  membersOnly: fc.boolean(),
  joinRequests: fc.boolean(),
  inDraftFolder: fc.boolean(),
});
const folderArb: fc.Arbitrary<FolderFacts> = fc.record({
  id: folderIdArb,
  ancestorIds: fc.uniqueArray(folderIdArb, { maxLength: 3 }),
  status: fc.constantFrom(...publicationStatuses),
  subtreeProjects: fc.array(projectArb, { maxLength: 3 }),
});
const scopeFactsArb: fc.Arbitrary<ScopeFacts> = fc.oneof(
  fc.constant({ type: 'platform' } as const),
  fc.record({
    type: fc.constant('folder' as const),
    id: folderIdArb,
    ancestorIds: fc.uniqueArray(folderIdArb, { maxLength: 3 }),
  }),
  fc.record({
    type: fc.constant('project' as const),
    id: projectIdArb,
    folderIds: fc.uniqueArray(folderIdArb, { maxLength: 3 }),
  }),
);
const targetArb: fc.Arbitrary<Target> = fc.oneof(
  fc.constant({ type: 'platform' } as const),
  folderArb.map((folder) => ({ type: 'folder', folder }) as const),
  projectArb.map((project) => ({ type: 'project', project }) as const),
  fc
    .record({ project: projectArb, hidden: fc.boolean() })
    .map((input) => ({ type: 'input', input }) as const),
  fc
    .record({
      id: fc.constantFrom('u1', 'u2', ''),
      listedInDirectory: fc.boolean(),
      active: fc.boolean(),
      participatedIn: fc.array(projectArb, { maxLength: 3 }),
    })
    .map((user) => ({ type: 'user', user }) as const),
  scopeFactsArb.map((scope) => ({ type: 'scope', scope }) as const),
  fc
    .record({
      scope: scopeFactsArb,
      role: fc.constantFrom(...roles),
      isLastAdmin: fc.option(fc.boolean(), { nil: undefined }),
    })
    .map((role) => ({ type: 'role', role }) as const),
);
const scopeArb: fc.Arbitrary<Scope> = fc.oneof(
  fc.constant(platform),
  folderIdArb.map(inFolder),
  projectIdArb.map(inProject),
);
const subjectArb: fc.Arbitrary<Subject> = fc.oneof(
  fc.constant(visitor),
  fc
    .record({
      userId: fc.constantFrom('u1', 'u2', ''),
      status: fc.constantFrom(...userStatuses),
      kind: fc.constantFrom('full' as const, 'light' as const),
      emailConfirmed: fc.boolean(),
      verifiedAt: fc.option(fc.date({ noInvalidDate: true })),
      roles: fc.array(
        fc.record({
          role: fc.constantFrom(...roles),
          scope: scopeArb,
          ancestorFolderIds: fc.uniqueArray(folderIdArb, { maxLength: 3 }),
        }),
        { maxLength: 4 },
      ),
      groupIds: fc.subarray(groupIds),
      memberProjectIds: fc.subarray(['p1', 'p2', 'p3']),
    })
    .map(compileSubject),
);
const envArb: fc.Arbitrary<DecisionEnv> = fc.record(
  { managersMayDelegate: fc.boolean(), previewGranted: fc.boolean(), searching: fc.boolean() },
  { requiredKeys: [] },
);

describe('decisions are values (SPEC 4.3, 7)', () => {
  it('never throw, and always carry a known reason when refused and a non-empty trace', () => {
    fc.assert(
      fc.property(
        subjectArb,
        fc.constantFrom(...actions),
        targetArb,
        envArb,
        (subject, action, target, env) => {
          let decision: AccessDecision | undefined;
          expect(() => (decision = decide(subject, action, target, env))).not.toThrow();
          expect(decision).toBeDefined();
          const { allowed, reason, trace } = decision!;
          expect(typeof allowed).toBe('boolean');
          if (allowed) expect(reason).toBeNull();
          else expect(accessReasons).toContain(reason);
          expect(trace.length).toBeGreaterThan(0);
          expect(trace.every((step) => typeof step === 'string' && step.length > 0)).toBe(true);
        },
      ),
      { numRuns: 4000 },
    );
  });

  it('refuse actions asked about the wrong kind of target', () => {
    for (const action of actions) {
      for (const target of [
        { type: 'platform' },
        { type: 'folder', folder: city.folder('A') },
        { type: 'project', project: city.project('pA') },
        { type: 'input', input: { project: city.project('pA'), hidden: false } },
        {
          type: 'user',
          user: { id: 'user', listedInDirectory: true, active: true, participatedIn: [] },
        },
        { type: 'scope', scope: city.scope(inFolder('A')) },
        { type: 'role', role: { role: 'project_moderator', scope: city.scope(inProject('pA')) } },
      ] satisfies Target[]) {
        if (actionRegistry[action].target === target.type) continue;
        const decision = decide(people.admin, action, target);
        expect(decision.allowed, `${action} on a ${target.type}`).toBe(false);
        expect(decision.trace.length).toBeGreaterThan(0);
      }
    }
  });
});

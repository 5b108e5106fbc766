import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { and, eq, inArray, ne, or } from 'drizzle-orm';
import {
  folders,
  joinRequests,
  phases,
  projects,
  registrationQuestions,
  userGroups,
  users,
} from '@samrad/db';
import { insertUser, testDatabaseKinds } from '@samrad/db/testing';
import { createApiFixture, openSessionForTest, type ApiFixture } from '../testing/api-fixture.js';
import {
  callProcedure,
  changedTables,
  fingerprint,
  inputSchemaOf,
  listProcedures,
  validSamples,
  type Caller,
  type ValuePools,
} from '../testing/router-introspection.js';

/**
 * Every procedure of the router — found by introspection, not listed by hand — called by a
 * visitor and by an unrelated resident against things they may not see or change: draft and
 * restricted projects, their phases, a draft folder, the groups, the registration questions, the
 * staff. Nothing may succeed in changing anything, no answer may carry what they may not see, and
 * every refusal is one of API.md's codes.
 */
const refusals = new Set(['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_REQUEST']);

describe.each(testDatabaseKinds())('the whole router for outsiders on %s', (kind) => {
  let fixture: ApiFixture;
  beforeAll(async () => {
    fixture = await createApiFixture(kind);
  });
  afterAll(() => fixture?.close());

  /**
   * What outsiders may not see — restricted and draft projects, draft folders, what hangs off
   * them — or may see but not change: published projects and folders, groups, questions, staff.
   */
  async function hiddenWorld(residentId: string) {
    const { db } = fixture.connection;
    const platformId = fixture.platform.id;
    const hiddenProjects = await db
      .select({ id: projects.id, title: projects.title })
      .from(projects)
      .where(
        and(
          eq(projects.platformId, platformId),
          or(eq(projects.status, 'draft'), ne(projects.visibleTo, 'everyone')),
        ),
      );
    const projectIds = hiddenProjects.map((p) => p.id);
    // Seen but not theirs to change. Asking to join is the one change a resident may make to a
    // project they see, so projects that take join requests are left out.
    const seenProjects = await db
      .select({ id: projects.id })
      .from(projects)
      .where(
        and(
          eq(projects.platformId, platformId),
          eq(projects.status, 'published'),
          eq(projects.visibleTo, 'everyone'),
          eq(projects.joinRequests, false),
        ),
      );
    const draftFolders = await db
      .select({ id: folders.id, title: folders.title })
      .from(folders)
      .where(and(eq(folders.platformId, platformId), eq(folders.status, 'draft')));
    const seenFolders = await db
      .select({ id: folders.id })
      .from(folders)
      .where(and(eq(folders.platformId, platformId), ne(folders.status, 'draft')));
    const targets = [...projectIds, ...seenProjects.map((p) => p.id)];
    const targetPhases = await db
      .select({ id: phases.id })
      .from(phases)
      .where(inArray(phases.projectId, targets));
    const groups = await db
      .select({ id: userGroups.id, name: userGroups.name })
      .from(userGroups)
      .where(eq(userGroups.platformId, platformId));
    const questions = await db
      .select({ id: registrationQuestions.id })
      .from(registrationQuestions)
      .where(eq(registrationQuestions.platformId, platformId));
    const staff = await db
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(and(eq(users.platformId, platformId), ne(users.id, residentId)));
    // Someone's request to join a hidden project: deciding it is not an outsider's business.
    const [request] = await db
      .insert(joinRequests)
      .values({ platformId, projectId: projectIds[0]!, userId: staff[0]!.id })
      .returning({ id: joinRequests.id });
    const participation = await hiddenParticipation();
    const pools: ValuePools = {
      ids: new Map([
        ...participation,
        ['projects', [...targets, ...participation.get('projects')!]],
        ['folders', [...draftFolders, ...seenFolders].map((f) => f.id)],
        ['phases', [...targetPhases.map((p) => p.id), ...participation.get('phases')!]],
        ['user_groups', groups.map((g) => g.id)],
        ['registration_questions', questions.map((q) => q.id)],
        ['users', staff.map((u) => u.id)],
        ['join_requests', [request!.id]],
      ]),
      emails: staff.map((u) => u.email),
    };
    const titles = [...hiddenProjects, ...draftFolders].flatMap((row) =>
      Object.values(row.title as Record<string, string>),
    );
    const secret = [
      ...projectIds,
      ...draftFolders.map((f) => f.id),
      ...titles,
      ...groups.filter((g) => g.name === 'Young residents').map((g) => g.name),
      'admin@demo.samrad.local',
      // What hangs off the hidden participation (hiddenParticipation).
      ...['Hidden idea', 'Hidden comment', 'Hidden report', 'Hidden event', 'Hidden cause'],
      'Moderated idea',
    ];
    return { pools, secret, projectIds, draftFolders, staff };
  }

  /**
   * What residents contributed in draft projects, and a hidden input in a published one: an
   * input with an image, a comment and a report, an event, a volunteering cause — so that every
   * procedure on these is walked against real targets, not only against ids that do not exist.
   */
  async function hiddenParticipation(): Promise<Map<string, string[]>> {
    const admin = await fixture.as('admin');
    const png =
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    const startAt = new Date(Date.now() - 86_400_000).toISOString();
    const ideas = await admin.projects.create({ title: 'Hidden ideas' });
    const ideasPhase = await admin.phases.create({
      projectId: ideas.id,
      title: 'Ideas',
      method: 'ideation',
      startAt,
    });
    for (const action of ['post', 'comment', 'react', 'attend'] as const) {
      await admin.phases.setParticipation({
        phaseId: ideasPhase.id,
        action,
        enabled: true,
        permittedBy: 'account',
      });
    }
    const input = await admin.inputs.create({
      phaseId: ideasPhase.id,
      title: 'Hidden idea',
      body: 'Text',
      images: [{ base64: png }],
    });
    const comment = await admin.comments.create({ inputId: input.id, body: 'Hidden comment' });
    await admin.inputs.report({ id: input.id, reason: 'Hidden report' });
    const event = await admin.events.create({
      projectId: ideas.id,
      phaseId: ideasPhase.id,
      title: 'Hidden event',
      startAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const helping = await admin.projects.create({ title: 'Hidden volunteering' });
    const helpingPhase = await admin.phases.create({
      projectId: helping.id,
      title: 'Help',
      method: 'volunteering',
      startAt,
    });
    const cause = await admin.volunteering.createCause({
      phaseId: helpingPhase.id,
      title: 'Hidden cause',
    });
    // Published and seen, but this input is hidden by its moderators.
    const open = await fixture.openPhase('ideation', { action: 'post', permittedBy: 'account' });
    const moderated = await admin.inputs.create({
      phaseId: open.phaseId,
      title: 'Moderated idea',
      body: 'Text',
    });
    await admin.inputs.moderate({ id: moderated.id, hidden: true });
    return new Map([
      ['projects', [ideas.id, helping.id]],
      ['phases', [ideasPhase.id, helpingPhase.id]],
      ['inputs', [input.id, moderated.id]],
      ['comments', [comment.id]],
      ['input_images', input.images.map((image) => image.id)],
      ['events', [event.id]],
      ['volunteering_causes', [cause.id]],
    ]);
  }

  it('refuses or hides, and changes nothing', async () => {
    const { db } = fixture.connection;
    const resident = await insertUser(db, fixture.platform.id, { emailConfirmedAt: new Date() });
    const { pools, secret, projectIds, draftFolders, staff } = await hiddenWorld(resident.id);
    const [draft] = await db.select().from(projects).where(eq(projects.slug, 'bus-stop-shelters'));
    const admin = staff.find((u) => u.email === 'admin@demo.samrad.local')!;
    const callers: Record<string, Caller> = {
      visitor: await fixture.caller(),
      resident: await fixture.caller(await openSessionForTest(db, resident)),
    };
    // Hand-made inputs, each sent to every procedure: shapes no schema expects, mass assignment.
    const hostile: unknown[] = [
      undefined,
      {},
      { id: draft!.id },
      { id: draftFolders[0]!.id },
      { parentId: draftFolders[0]!.id },
      { folderId: draftFolders[0]!.id },
      { scope: { type: 'project', id: draft!.id } },
      { userId: admin.id },
      { userId: admin.id, scope: { type: 'platform' } },
      { userId: resident.id, role: 'admin', scope: { type: 'platform' } },
      { userId: resident.id, role: 'project_manager', scope: { type: 'project', id: draft!.id } },
      { userId: admin.id, action: 'project.delete', target: { type: 'project', id: draft!.id } },
      { name: 'Taken over', managersMayDelegate: true },
      { email: 'admin@demo.samrad.local', password: 'guess' },
      { id: draft!.id, status: 'published', createdBy: resident.id },
      { platformId: fixture.platform.id, name: 'Taken over' },
      { roles: [{ role: 'admin', scope: { type: 'platform' } }] },
    ];
    const procedures = listProcedures();
    expect(procedures.length).toBeGreaterThan(50);
    const before = await fingerprint(db);
    let calls = 0;
    for (const procedure of procedures) {
      // The account procedures are for anyone, or for the caller's own account, by design
      // (signing up, asking for a code, signing out…), and taking part is for whoever the phase
      // lets in (an open survey takes a visitor's answers): they are tested on their own.
      if (procedure.path.startsWith('auth.')) continue;
      if (procedure.meta?.access.startsWith('participation.')) continue;
      // Well-formed inputs aimed at the hidden targets: these pass validation and reach the
      // guard. A resident may edit their own profile, whose input names no target: that one
      // gets the hand-made inputs only.
      const aimed =
        procedure.path === 'users.updateProfile'
          ? []
          : validSamples(inputSchemaOf(procedure), pools, procedure.path, 8, 1729);
      for (const [who, caller] of Object.entries(callers)) {
        for (const input of [...hostile, ...aimed]) {
          calls++;
          const outcome = await callProcedure(caller, procedure.path, input).then(
            (value) => ({ ok: true as const, value }),
            (error: unknown) => ({ ok: false as const, error }),
          );
          const label = `${who} → ${procedure.path}(${JSON.stringify(input)})`;
          if (outcome.ok) {
            // Reads may answer, but never with what the caller may not see; changes never succeed.
            expect(procedure.type, label).toBe('query');
            const text = JSON.stringify(outcome.value) ?? '';
            for (const hidden of secret) expect(text, label).not.toContain(hidden);
          } else {
            expect(outcome.error, label).toBeInstanceOf(TRPCError);
            expect(refusals, `${label}: ${(outcome.error as TRPCError).code}`).toContain(
              (outcome.error as TRPCError).code,
            );
          }
        }
      }
    }
    expect(projectIds.length).toBeGreaterThan(2);
    expect(calls).toBeGreaterThan(2000);
    expect(changedTables(before, await fingerprint(db))).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  auditLog,
  folders,
  projects,
  projectVisibilityGroups,
  roleAssignments,
  userGroups,
} from '@samrad/db';
import { insertPlatform, insertProject, insertUser, testDatabaseKinds } from '@samrad/db/testing';
import { hashToken } from '../auth/tokens.js';
import { createApiFixture, openSessionForTest, type ApiFixture } from '../testing/api-fixture.js';
import { folderIdOf, projectIdOf, userIdOf } from '../testing/demo-ids.js';
import { codeAndReason, errorOf, refusalOf, rowCounts } from '../testing/refusals.js';

type Api = Awaited<ReturnType<ApiFixture['caller']>>;
type Who =
  | 'admin'
  | 'folderManager'
  | 'otherBranch'
  | 'projectManager'
  | 'moderator'
  | 'resident'
  | 'visitor';
type Outcome = 'ok' | 'FORBIDDEN' | 'NOT_FOUND' | 'UNAUTHORIZED';

/**
 * projects.create / update / setStatus / setAccess / delete / move, and the role × action grid
 * of every managing procedure of projects, through the typed caller on both engines
 * (SPEC 2.1–2.3, 3; API.md).
 */
describe.each(testDatabaseKinds())('managing projects on %s', (kind) => {
  let fixture: ApiFixture;
  /** Session tokens: each call gets a fresh context, so roles granted meanwhile count. */
  const tokens = new Map<Who, string | undefined>();
  let otherBranchId: string;

  const db = () => fixture.connection.db;
  const folderId = (slug: string) => folderIdOf(db(), slug);
  const projectId = (slug: string) => projectIdOf(db(), slug);
  const userId = (who: string) => userIdOf(db(), who);
  const api = (who: Who) => fixture.caller(tokens.get(who));
  const row = async (id: string) =>
    (await db().select().from(projects).where(eq(projects.id, id)))[0];

  beforeAll(async () => {
    fixture = await createApiFixture(kind);
    const session = async (id: string) =>
      openSessionForTest(db(), { id, platformId: fixture.platform.id });
    tokens.set('admin', await session(await userId('admin')));
    tokens.set('folderManager', await session(await userId('folder.manager')));
    tokens.set('projectManager', await session(await userId('project.manager')));
    tokens.set('moderator', await session(await userId('moderator')));
    tokens.set('resident', await session(await userId('resident')));
    tokens.set('visitor', undefined);
    // A folder manager of another branch: Internal planning, beside Urban development.
    const other = await insertUser(db(), fixture.platform.id, { name: 'Olle Other' });
    otherBranchId = other.id;
    await db()
      .insert(roleAssignments)
      .values({
        platformId: fixture.platform.id,
        userId: other.id,
        role: 'folder_manager',
        scopeType: 'folder',
        folderId: await folderId('internal-planning'),
      });
    tokens.set('otherBranch', await session(other.id));
  });
  afterAll(() => fixture?.close());

  /** Rows a refused call must leave as they were. */
  const counts = async () => {
    const [inProjects, audit, roles, groups] = await rowCounts(db(), [
      projects,
      auditLog,
      roleAssignments,
      projectVisibilityGroups,
    ]);
    return { projects: inProjects!, audit: audit!, roles: roles!, groups: groups! };
  };
  const actionsSince = async (before: number) =>
    (
      await db()
        .select({ action: auditLog.action })
        .from(auditLog)
        .orderBy(sql`${auditLog.createdAt}, ${auditLog.id}`)
    )
      .slice(before)
      .map((entry) => entry.action);

  /** The error of a call expected to fail, as `[code, reason]`. */
  const failure = async (call: Promise<unknown>) => codeAndReason(await errorOf(call));
  /** A refused call: its code and reason, once checked that it wrote nothing. */
  const refusal = async (call: () => Promise<unknown>, target?: string) =>
    codeAndReason(
      await refusalOf(call, async () => [await counts(), target ? await row(target) : undefined]),
    );

  /**
   * A fresh project in Green spaces (inside Urban development), managed by the demo project
   * manager and moderated by the demo moderator, so that every cell of the grid starts alike.
   */
  const freshProject = async (values: Partial<typeof projects.$inferInsert> = {}) => {
    const project = await insertProject(db(), fixture.platform.id, {
      folderId: await folderId('green-spaces'),
      title: { en: 'Grid project' },
      description: { en: 'A project of the grid' },
      ...values,
    });
    await db()
      .insert(roleAssignments)
      .values([
        {
          platformId: fixture.platform.id,
          userId: await userId('project.manager'),
          role: 'project_manager',
          scopeType: 'project',
          projectId: project.id,
        },
        {
          platformId: fixture.platform.id,
          userId: await userId('moderator'),
          role: 'project_moderator',
          scopeType: 'project',
          projectId: project.id,
        },
      ]);
    return project.id;
  };

  const published = { status: 'published' } as const;
  const draft = {} as const;
  const inReview = { reviewStatus: 'requested' } as const;
  // Hashes are unique: each project gets its own secret.
  const previewed = () => ({ previewTokenHash: hashToken(randomUUID()) });
  const F = 'FORBIDDEN';
  const N = 'NOT_FOUND';
  const U = 'UNAUTHORIZED';

  // Order of outcomes: admin, folder manager above, folder manager of another branch, project
  // manager, project moderator, resident, visitor.
  const grid: [
    string,
    Partial<typeof projects.$inferInsert> | (() => Partial<typeof projects.$inferInsert>),
    (api: Api, id: string) => Promise<unknown>,
    string,
    Outcome[],
  ][] = [
    [
      'update',
      published,
      (a, id) => a.projects.update({ id, title: 'Renamed' }),
      'project.update',
      ['ok', 'ok', F, 'ok', F, F, U],
    ],
    [
      'setStatus archived',
      published,
      (a, id) => a.projects.setStatus({ id, status: 'archived' }),
      'project.setStatus',
      ['ok', 'ok', F, 'ok', F, F, U],
    ],
    [
      'setStatus first publication',
      draft,
      (a, id) => a.projects.setStatus({ id, status: 'published' }),
      'project.setStatus',
      ['ok', 'ok', N, F, F, N, U],
    ],
    [
      'setAccess',
      published,
      (a, id) => a.projects.setAccess({ id, listed: false }),
      'project.setAccess',
      ['ok', 'ok', F, 'ok', F, F, U],
    ],
    [
      'delete',
      published,
      (a, id) => a.projects.delete({ id }),
      'project.delete',
      ['ok', F, F, F, F, F, U],
    ],
    [
      'move within the branch',
      published,
      async (a, id) => a.projects.move({ id, folderId: await folderId('storgatan') }),
      'project.move',
      ['ok', 'ok', F, F, F, F, U],
    ],
    [
      'requestReview',
      draft,
      (a, id) => a.projects.requestReview({ id, message: 'Ready' }),
      'project.requestReview',
      ['ok', 'ok', N, 'ok', F, N, U],
    ],
    [
      'decideReview',
      inReview,
      (a, id) => a.projects.decideReview({ id, decision: 'approve' }),
      'project.decideReview',
      ['ok', 'ok', N, F, F, N, U],
    ],
    [
      'renewPreviewLink',
      draft,
      (a, id) => a.projects.renewPreviewLink({ id }),
      'project.renewPreviewLink',
      ['ok', 'ok', N, 'ok', F, N, U],
    ],
    [
      'revokePreviewLink',
      previewed,
      (a, id) => a.projects.revokePreviewLink({ id }),
      'project.revokePreviewLink',
      ['ok', 'ok', N, 'ok', F, N, U],
    ],
    [
      'create in a folder',
      draft,
      async (a) => a.projects.create({ title: 'New', folderId: await folderId('green-spaces') }),
      'project.create',
      ['ok', 'ok', F, F, F, F, U],
    ],
    [
      'create in a draft folder',
      draft,
      async (a) =>
        a.projects.create({ title: 'New', folderId: await folderId('schools-and-youth') }),
      'project.create',
      ['ok', N, N, N, N, N, U],
    ],
    [
      'create at the top level',
      draft,
      (a) => a.projects.create({ title: 'New' }),
      'project.create',
      ['ok', F, F, F, F, F, U],
    ],
  ];
  const people: Who[] = [
    'admin',
    'folderManager',
    'otherBranch',
    'projectManager',
    'moderator',
    'resident',
    'visitor',
  ];

  it.each(grid)(
    '%s: answers each role as the policy decides, and refusals write nothing',
    async (_, values, call, action, outcomes) => {
      for (const [i, who] of people.entries()) {
        const id = await freshProject(typeof values === 'function' ? values() : values);
        const expected = outcomes[i]!;
        const label = `${who} → ${expected}`;
        if (expected === 'ok') {
          const before = (await counts()).audit;
          await expect(call(await api(who), id), label).resolves.toBeDefined();
          expect(await actionsSince(before), label).toContain(action);
        } else {
          expect((await refusal(async () => call(await api(who), id), id))[0], label).toBe(
            expected,
          );
        }
      }
    },
  );

  it('creates a draft whose slug comes from the title, numbered when taken (SPEC 1)', async () => {
    const admin = await api('admin');
    const first = await admin.projects.create({
      title: { sv: 'Grönområden på Øster', en: 'Green spaces at Øster' },
      description: 'Where should the trees go?',
    });
    expect(first).toMatchObject({
      slug: 'green-spaces-at-oster',
      status: 'draft',
      title: { sv: 'Grönområden på Øster', en: 'Green spaces at Øster' },
      description: { en: 'Where should the trees go?' },
      folder: null,
      management: { folderId: null, reviewStatus: 'none', hasPreviewLink: false },
    });
    const second = await admin.projects.create({ title: 'Green spaces at Øster!' });
    expect(second.slug).toBe('green-spaces-at-oster-2');
    expect((await admin.projects.create({ title: '¿¡' })).slug).toBe('project');
    // An admin acts on everything already: no role is added for them.
    const roles = await db()
      .select()
      .from(roleAssignments)
      .where(inArray(roleAssignments.projectId, [first.id, second.id]));
    expect(roles).toEqual([]);
    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'project.create'), eq(auditLog.targetId, first.id)));
    expect(entry).toMatchObject({
      projectId: first.id,
      before: null,
      after: { slug: 'green-spaces-at-oster', status: 'draft', folderId: null },
    });
  });

  it('gives racing creators of the same title distinct slugs, without an error', async () => {
    const callers = await Promise.all([1, 2, 3, 4].map(() => api('admin')));
    const created = await Promise.all(
      callers.map((caller) => caller.projects.create({ title: 'Race to the harbour' })),
    );
    expect(created.map((project) => project.slug).sort()).toEqual([
      'race-to-the-harbour',
      'race-to-the-harbour-2',
      'race-to-the-harbour-3',
      'race-to-the-harbour-4',
    ]);
  });

  it('makes a folder manager the project manager of what they create, in the same transaction (SPEC 2.2)', async () => {
    const manager = await userId('folder.manager');
    const green = await folderId('green-spaces');
    const before = await counts();
    const created = await (
      await api('folderManager')
    ).projects.create({ title: 'Benches by the pond', folderId: green });
    expect(created.management?.folderId).toBe(green);
    expect(await row(created.id)).toMatchObject({
      folderId: green,
      folderPath: [await folderId('urban-development'), green],
      status: 'draft',
      createdBy: manager,
    });
    const roles = await db()
      .select()
      .from(roleAssignments)
      .where(eq(roleAssignments.projectId, created.id));
    expect(roles).toMatchObject([
      { userId: manager, role: 'project_manager', scopeType: 'project', grantedBy: manager },
    ]);
    expect(await counts()).toMatchObject({
      projects: before.projects + 1,
      roles: before.roles + 1,
      audit: before.audit + 2,
    });
    // One transaction, one time: the entries are told apart by action, not by order.
    expect((await actionsSince(before.audit)).sort()).toEqual(['project.create', 'role.assign']);
  });

  it('creates nothing when the role cannot be granted: project, role and audit go together', async () => {
    // The database itself refuses the role row, as a broken constraint or a lost connection would.
    await db().execute(
      sql.raw(`create function samrad_test_refuse_role() returns trigger language plpgsql
        as $$ begin raise exception 'refused by the test'; end $$`),
    );
    await db().execute(
      sql.raw(`create trigger samrad_test_refuse_role before insert on role_assignments
        for each row execute function samrad_test_refuse_role()`),
    );
    try {
      const before = await counts();
      const [code] = await failure(
        (await api('folderManager')).projects.create({
          title: 'Half made',
          folderId: await folderId('green-spaces'),
        }),
      );
      expect(code).toBe('INTERNAL_SERVER_ERROR');
      expect(await counts()).toEqual(before);
      expect(
        await db()
          .select()
          .from(projects)
          .where(sql`${projects.title}->>'en' = 'Half made'`),
      ).toEqual([]);
    } finally {
      await db().execute(sql.raw('drop trigger samrad_test_refuse_role on role_assignments'));
      await db().execute(sql.raw('drop function samrad_test_refuse_role()'));
    }
  });

  it('refuses a folder that is not on the platform as NOT_FOUND', async () => {
    const other = await insertPlatform(db());
    const [foreign] = await db()
      .insert(folders)
      .values({ platformId: other.id, slug: 'foreign', title: { en: 'Foreign' } })
      .returning();
    for (const folder of [foreign!.id, '00000000-0000-4000-8000-000000000000']) {
      expect(
        await refusal(async () =>
          (await api('admin')).projects.create({ title: 'Lost', folderId: folder }),
        ),
      ).toEqual(['NOT_FOUND', null]);
    }
  });

  it('updates the texts only: status, place, slug and access cannot ride along (mass assignment)', async () => {
    const id = await freshProject(published);
    const pm = await api('projectManager');
    for (const extra of [
      { status: 'draft' },
      { slug: 'taken-over' },
      { folderId: null },
      { platformId: fixture.platform.id },
      { listed: false },
      { visibleTo: 'managers' },
      { previewTokenHash: 'x' },
      { firstPublishedAt: new Date().toISOString() },
    ]) {
      const [code] = await refusal(() => pm.projects.update({ id, title: 'Sneaky', ...extra }), id);
      expect(code, JSON.stringify(extra)).toBe('BAD_REQUEST');
    }
    const [code] = await refusal(() => pm.projects.update({ id }), id);
    expect(code).toBe('BAD_REQUEST');
    const [topicsCode] = await refusal(
      () => pm.projects.update({ id, topics: ['trees', 'trees'] }),
      id,
    );
    expect(topicsCode).toBe('BAD_REQUEST');
  });

  it('updates title, description and topics, auditing only what changed', async () => {
    const id = await freshProject(published);
    const before = await row(id);
    const updated = await (
      await api('projectManager')
    ).projects.update({
      id,
      title: { en: 'Benches', sv: 'Bänkar' },
      description: before!.description,
      topics: ['parks', 'seating'],
    });
    expect(updated).toMatchObject({
      title: { en: 'Benches', sv: 'Bänkar' },
      topics: ['parks', 'seating'],
      slug: before!.slug,
    });
    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'project.update'), eq(auditLog.targetId, id)));
    expect(entry?.before).toEqual({ title: { en: 'Grid project' }, topics: [] });
    expect(entry?.after).toEqual({
      title: { en: 'Benches', sv: 'Bänkar' },
      topics: ['parks', 'seating'],
    });
    // The same texts again change nothing and write no entry.
    const audits = (await counts()).audit;
    await (
      await api('projectManager')
    ).projects.update({ id, title: { sv: 'Bänkar', en: 'Benches' } });
    expect((await counts()).audit).toBe(audits);
  });

  it('publishes, archives and sets back to draft, dating the first publication once (SPEC 3.1)', async () => {
    const id = await freshProject(draft);
    const fm = await api('folderManager');
    await fm.projects.setStatus({ id, status: 'published' });
    const first = await row(id);
    expect(first).toMatchObject({ status: 'published' });
    expect(first!.firstPublishedAt).not.toBeNull();
    expect(first!.publishedAt).toEqual(first!.firstPublishedAt);
    await fm.projects.setStatus({ id, status: 'archived' });
    await fm.projects.setStatus({ id, status: 'draft' });
    // Published once: its project manager republishes without review (SPEC 2.3).
    const again = await (
      await api('projectManager')
    ).projects.setStatus({ id, status: 'published' });
    expect(again.management?.firstPublishedAt).toBe(first!.firstPublishedAt!.toISOString());
    // …and archives it, but setting it back to draft is the folder manager's (SPEC 2.2, 2.3).
    expect(
      await refusal(
        async () => (await api('projectManager')).projects.setStatus({ id, status: 'draft' }),
        id,
      ),
    ).toEqual(['FORBIDDEN', 'not_permitted']);
    const last = await row(id);
    expect(last!.firstPublishedAt).toEqual(first!.firstPublishedAt);
    expect(last!.publishedAt!.getTime()).toBeGreaterThan(first!.publishedAt!.getTime());
    const entries = await db()
      .select({ before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'project.setStatus'), eq(auditLog.targetId, id)))
      .orderBy(auditLog.createdAt);
    expect(entries.map((entry) => [entry.before, entry.after])).toMatchObject([
      [{ status: 'draft' }, { status: 'published' }],
      [{ status: 'published' }, { status: 'archived' }],
      [{ status: 'archived' }, { status: 'draft' }],
      [{ status: 'draft' }, { status: 'published' }],
    ]);
  });

  it('refuses a project manager’s first publication with review_required (SPEC 2.3)', async () => {
    const id = await freshProject(draft);
    expect(
      await refusal(
        async () => (await api('projectManager')).projects.setStatus({ id, status: 'published' }),
        id,
      ),
    ).toEqual(['FORBIDDEN', 'review_required']);
  });

  it('does not archive a project that was never published', async () => {
    const id = await freshProject(draft);
    expect(
      await refusal(
        async () => (await api('admin')).projects.setStatus({ id, status: 'archived' }),
        id,
      ),
    ).toEqual(['CONFLICT', null]);
  });

  it('restricts a project to groups, which its members then see (SPEC 3.4, 5)', async () => {
    const id = await freshProject(published);
    const [young] = await db()
      .select({ id: userGroups.id })
      .from(userGroups)
      .where(eq(userGroups.name, 'Young residents'));
    const pm = await api('projectManager');
    const result = await pm.projects.setAccess({
      id,
      visibleTo: 'groups',
      groupIds: [young!.id],
    });
    expect(result).toMatchObject({
      visibleTo: 'groups',
      management: { groupIds: [young!.id] },
    });
    // The resident is a Young resident; a newcomer is not.
    expect((await (await api('resident')).projects.get({ id })).id).toBe(id);
    const newcomer = await insertUser(db(), fixture.platform.id);
    const stranger = await fixture.caller(await openSessionForTest(db(), newcomer));
    expect(await failure(stranger.projects.get({ id }))).toEqual(['NOT_FOUND', null]);
    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'project.setAccess'), eq(auditLog.targetId, id)));
    expect(entry).toMatchObject({
      projectId: id,
      before: { visibleTo: 'everyone', groupIds: [] },
      after: { visibleTo: 'groups', groupIds: [young!.id] },
    });
    // Back to everyone: the groups go too, so the group is not held by a project not using it.
    await pm.projects.setAccess({ id, visibleTo: 'everyone' });
    expect(
      await db()
        .select()
        .from(projectVisibilityGroups)
        .where(eq(projectVisibilityGroups.projectId, id)),
    ).toEqual([]);
  });

  it('refuses inconsistent access settings as BAD_REQUEST naming the field', async () => {
    const id = await freshProject(published);
    const other = await insertPlatform(db());
    const [foreign] = await db()
      .insert(userGroups)
      .values({ platformId: other.id, name: 'Foreign group', kind: 'manual' })
      .returning();
    const [young] = await db()
      .select({ id: userGroups.id })
      .from(userGroups)
      .where(eq(userGroups.name, 'Young residents'));
    const pm = await api('projectManager');
    const cases: [Parameters<Api['projects']['setAccess']>[0], RegExp][] = [
      [{ id, visibleTo: 'groups' }, /^groupIds:/],
      [{ id, visibleTo: 'groups', groupIds: [] }, /^groupIds:/],
      [{ id, visibleTo: 'groups', groupIds: [foreign!.id] }, /^groupIds: no such group/],
      [
        { id, visibleTo: 'groups', groupIds: ['00000000-0000-4000-8000-000000000000'] },
        /^groupIds: no such group/,
      ],
      [{ id, groupIds: [young!.id] }, /^groupIds:/],
      [{ id, joinRequests: true }, /^joinRequests:/],
      [{ id, membersOnly: false, joinRequests: true }, /^joinRequests:/],
      [{ id, groupIds: [young!.id, young!.id], visibleTo: 'groups' }, /^groupIds/],
      [{ id }, /nothing to change/],
      [{ id, listed: false, slug: 'x' } as never, /./],
    ];
    for (const [input, message] of cases) {
      const error = await refusalOf(() => pm.projects.setAccess(input), counts);
      expect(error.code, JSON.stringify(input)).toBe('BAD_REQUEST');
      expect(error.message, JSON.stringify(input)).toMatch(message);
    }
    // Members only with join requests, then not members only: join requests go with it.
    await pm.projects.setAccess({ id, membersOnly: true, joinRequests: true });
    const open = await pm.projects.setAccess({ id, membersOnly: false });
    expect(open).toMatchObject({ membersOnly: false, management: { joinRequests: false } });
  });

  it('lets only admins delete, and the audit entry outlives the project (SPEC 2.1, 7)', async () => {
    const id = await freshProject(published);
    expect(
      await refusal(async () => (await api('folderManager')).projects.delete({ id }), id),
    ).toEqual(['FORBIDDEN', 'not_permitted']);
    expect(await (await api('admin')).projects.delete({ id })).toEqual({ ok: true });
    expect(await row(id)).toBeUndefined();
    expect(
      await db().select().from(roleAssignments).where(eq(roleAssignments.projectId, id)),
    ).toEqual([]);
    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'project.delete'), eq(auditLog.targetId, id)));
    expect(entry).toMatchObject({
      projectId: id,
      folderId: await folderId('green-spaces'),
      before: { title: { en: 'Grid project' }, status: 'published' },
      after: null,
    });
    // The branch's manager still reads that it went.
    const log = await (await api('folderManager')).audit.list({ limit: 200 });
    expect(log.items.map((item) => item.id)).toContain(entry!.id);
    expect(await failure((await api('admin')).projects.get({ id }))).toEqual(['NOT_FOUND', null]);
  });

  it('moves a project only for someone who manages both places', async () => {
    const urban = await folderId('urban-development');
    const centre = await folderId('city-centre');
    const storgatan = await folderId('storgatan');
    const internal = await folderId('internal-planning');
    const fm = await api('folderManager');
    const id = await freshProject(published);
    // Inside their branch: the database derives the new path.
    const moved = await fm.projects.move({ id, folderId: storgatan });
    expect(moved.management?.folderId).toBe(storgatan);
    expect((await row(id))!.folderPath).toEqual([urban, centre, storgatan]);
    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'project.move'), eq(auditLog.targetId, id)));
    expect(entry).toMatchObject({
      projectId: id,
      folderId: await folderId('green-spaces'),
      before: { folderId: await folderId('green-spaces') },
      after: { folderId: storgatan },
    });
    // Out of their branch: a folder they cannot see, or the platform's top level.
    expect(await refusal(() => fm.projects.move({ id, folderId: internal }), id)).toEqual([
      'NOT_FOUND',
      null,
    ]);
    expect(await refusal(() => fm.projects.move({ id, folderId: null }), id)).toEqual([
      'FORBIDDEN',
      'not_permitted',
    ]);
    // Into their branch, from a place they do not manage.
    const budget = await projectId('budget-2027-your-priorities');
    expect(
      await refusal(() => fm.projects.move({ id: budget, folderId: storgatan }), budget),
    ).toEqual(['FORBIDDEN', 'not_permitted']);
    // The manager of Internal planning manages the destination, not the project.
    expect(
      await refusal(
        async () => (await api('otherBranch')).projects.move({ id, folderId: internal }),
        id,
      ),
    ).toEqual(['FORBIDDEN', 'not_permitted']);
    // Managing both places (Storgatan's branch and Internal planning), they move it.
    await db().insert(roleAssignments).values({
      platformId: fixture.platform.id,
      userId: otherBranchId,
      role: 'folder_manager',
      scopeType: 'folder',
      folderId: centre,
    });
    try {
      const across = await (await api('otherBranch')).projects.move({ id, folderId: internal });
      expect(across.management?.folderId).toBe(internal);
      expect((await row(id))!.folderPath).toEqual([internal]);
    } finally {
      await db()
        .delete(roleAssignments)
        .where(
          and(eq(roleAssignments.userId, otherBranchId), eq(roleAssignments.folderId, centre)),
        );
    }
    // An admin places it directly under the platform.
    await (await api('admin')).projects.move({ id, folderId: null });
    expect(await row(id)).toMatchObject({ folderId: null, folderPath: [] });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { asc, count, eq } from 'drizzle-orm';
import { auditLog, folders, projects, roleAssignments, users } from '@samrad/db';
import { insertFolder, insertProject, insertUser, testDatabaseKinds } from '@samrad/db/testing';
import { AppError } from '../errors.js';
import { createApiFixture, openSessionForTest, type ApiFixture } from '../testing/api-fixture.js';
import { auditEntries, refusalOf } from '../testing/refusals.js';
import { deletionRefusal } from '../use-cases/folders/delete-folder.js';
import { lockFolder } from '../use-cases/folders/managed-folder.js';
import { moveRefusal } from '../use-cases/folders/move-folder.js';

type Caller = Awaited<ReturnType<ApiFixture['caller']>>;
type Status = 'draft' | 'published' | 'archived';

/** folders.create, update, setStatus, delete and move through the router (SPEC 1, 2.1–2.2, 3.1, 7). */
describe.each(testDatabaseKinds())('managing folders on %s', (kind) => {
  let fixture: ApiFixture;
  let adminId: string;
  beforeAll(async () => {
    fixture = await createApiFixture(kind);
    const [admin] = await fixture.connection.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, 'admin@demo.samrad.local'));
    adminId = admin!.id;
  });
  afterAll(() => fixture?.close());

  const db = () => fixture.connection.db;
  const platformId = () => fixture.platform.id;
  /** A caller signed in as this user (no password round: sessions are opened directly). */
  const as = async (userId: string) =>
    fixture.caller(await openSessionForTest(db(), { id: userId, platformId: platformId() }));
  const newUser = async () =>
    (await insertUser(db(), platformId(), { emailConfirmedAt: new Date() })).id;
  const folder = (values: { status?: Status; parentId?: string | null } = {}) =>
    insertFolder(db(), platformId(), values);
  const manager = async (scope: { folderId: string } | { projectId: string }) => {
    const userId = await newUser();
    await db()
      .insert(roleAssignments)
      .values({
        platformId: platformId(),
        userId,
        ...('folderId' in scope
          ? { role: 'folder_manager', scopeType: 'folder' }
          : { role: 'project_manager', scopeType: 'project' }),
        ...scope,
      });
    return userId;
  };
  const row = async (id: string) =>
    (await db().select().from(folders).where(eq(folders.id, id)))[0];
  const auditOf = (action: string, targetId: string) => auditEntries(db(), action, targetId);
  /** Every folder as stored, the roles and the number of audit entries: any write changes it. */
  const snapshot = async () => {
    const [audits] = await db().select({ n: count() }).from(auditLog);
    const [roles] = await db().select({ n: count() }).from(roleAssignments);
    const all = await db().select().from(folders).orderBy(asc(folders.id));
    const [inProjects] = await db().select({ n: count() }).from(projects);
    return { audits: audits!.n, roles: roles!.n, projects: inProjects!.n, folders: all };
  };
  /** The code a call is answered with ('ok' when it succeeds). */
  const outcome = (call: Promise<unknown>) =>
    call.then(
      () => 'ok',
      (error: unknown) => {
        if (error instanceof TRPCError) return error.code;
        throw error;
      },
    );
  /** A refused call: its code, and proof that it wrote nothing. */
  const refused = (call: () => Promise<unknown>) => refusalOf(call, snapshot);

  describe('who may do what: a folder F under P, beside its sibling S', () => {
    const who = [
      'admin',
      'manager of F',
      'manager of P',
      'manager of S',
      'project manager in F',
      'resident',
      'visitor',
    ] as const;
    type Who = (typeof who)[number];
    const actions = ['create in', 'update', 'setStatus', 'move under S', 'delete'] as const;
    type Action = (typeof actions)[number];

    /**
     * A fresh branch per case: P (published) holds F and S (published); F holds a project whose
     * manager is the "project manager in F". F is published with a published project inside
     * (so residents see it), or a draft with a draft inside (so they do not).
     */
    const branch = async (status: 'draft' | 'published') => {
      const p = await folder({ status: 'published' });
      const f = await folder({ status, parentId: p.id });
      const s = await folder({ status: 'published', parentId: p.id });
      const project = await insertProject(db(), platformId(), { folderId: f.id, status });
      const callers: Record<Who, () => Promise<Caller>> = {
        admin: () => as(adminId),
        'manager of F': async () => as(await manager({ folderId: f.id })),
        'manager of P': async () => as(await manager({ folderId: p.id })),
        'manager of S': async () => as(await manager({ folderId: s.id })),
        'project manager in F': async () => as(await manager({ projectId: project.id })),
        resident: async () => as(await newUser()),
        visitor: () => fixture.caller(),
      };
      return { p, f, s, callers };
    };
    type Branch = Awaited<ReturnType<typeof branch>>;

    const run: Record<Action, (caller: Caller, b: Branch) => Promise<unknown>> = {
      'create in': (c, b) => c.folders.create({ title: 'Sub-folder', parentId: b.f.id }),
      update: (c, b) => c.folders.update({ id: b.f.id, title: 'Renamed' }),
      setStatus: (c, b) =>
        c.folders.setStatus({
          id: b.f.id,
          status: b.f.status === 'draft' ? 'published' : 'archived',
        }),
      'move under S': (c, b) => c.folders.move({ id: b.f.id, parentId: b.s.id }),
      delete: (c, b) => c.folders.delete({ id: b.f.id }),
    };
    const audited: Record<Action, string> = {
      'create in': 'folder.create',
      update: 'folder.update',
      setStatus: 'folder.setStatus',
      'move under S': 'folder.move',
      delete: 'folder.delete',
    };

    // Columns: create in, update, setStatus, move under S, delete — F a draft.
    const onDraft: Record<Who, [string, string, string, string, string]> = {
      // Admins may delete, but F still holds a project.
      admin: ['ok', 'ok', 'ok', 'ok', 'CONFLICT'],
      // Its manager runs what is inside, not where it sits: moving needs P; deleting, an admin.
      'manager of F': ['ok', 'ok', 'ok', 'FORBIDDEN', 'FORBIDDEN'],
      'manager of P': ['ok', 'ok', 'ok', 'ok', 'FORBIDDEN'],
      // A draft is not seen outside those who manage it.
      'manager of S': ['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND'],
      // Sees F as a name on the way to their project (SPEC 1), changes nothing there.
      'project manager in F': ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
      resident: ['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND'],
      visitor: ['UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED'],
    };
    // Published with something visible inside, F is seen by all: refusals become FORBIDDEN.
    const onPublished: Record<Who, [string, string, string, string, string]> = {
      ...onDraft,
      'manager of S': ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
      resident: ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
    };
    const cases = (['draft', 'published'] as const).flatMap((status) =>
      who.flatMap((w) =>
        actions.map(
          (action, i) =>
            [w, action, status, (status === 'draft' ? onDraft : onPublished)[w][i]!] as const,
        ),
      ),
    );

    it.each(cases)('%s: %s F (%s) → %s', async (w, action, status, expected) => {
      const b = await branch(status);
      const caller = await b.callers[w]();
      const before = await snapshot();
      const entries = async () =>
        (
          await db()
            .select({ n: count() })
            .from(auditLog)
            .where(eq(auditLog.action, audited[action]))
        )[0]!.n;
      const entriesBefore = await entries();
      expect(await outcome(run[action](caller, b))).toBe(expected);
      if (expected === 'ok') {
        // One entry, of this change.
        expect((await snapshot()).audits).toBe(before.audits + 1);
        expect(await entries()).toBe(entriesBefore + 1);
      } else {
        // A refusal writes nothing, not even half of itself.
        expect(await snapshot()).toEqual(before);
      }
    });
  });

  describe('folders.create', () => {
    it('creates a draft with a slug from its title, numbered when taken, even in a race', async () => {
      const admin = await as(adminId);
      const first = await admin.folders.create({ title: 'Östra hamnen', description: 'Docks' });
      expect(first).toMatchObject({
        slug: 'ostra-hamnen',
        parentId: null,
        status: 'draft',
        title: { [fixture.platform.defaultLocale]: 'Östra hamnen' },
        description: { [fixture.platform.defaultLocale]: 'Docks' },
        pathOnly: false,
      });
      const second = await admin.folders.create({ title: { sv: 'Östra Hamnen!' } });
      expect(second.slug).toBe('ostra-hamnen-2');
      // Creators racing for the same slug each end up with their own, none with an error.
      const raced = await Promise.all(
        [1, 2, 3, 4].map(() => admin.folders.create({ title: 'Östra hamnen' })),
      );
      expect(new Set(raced.map((f) => f.slug))).toEqual(
        new Set(['ostra-hamnen-3', 'ostra-hamnen-4', 'ostra-hamnen-5', 'ostra-hamnen-6']),
      );
      // A draft: residents do not see it; it comes last among the top-level folders.
      expect(await outcome((await as(await newUser())).folders.get({ id: first.id }))).toBe(
        'NOT_FOUND',
      );
      const order = (await admin.folders.list({ limit: 100 })).items.map((f) => f.id);
      expect(order.indexOf(first.id)).toBeLessThan(order.indexOf(second.id));
      for (const f of raced) expect(order.indexOf(second.id)).toBeLessThan(order.indexOf(f.id));
      const [entry] = await auditOf('folder.create', first.id);
      expect(entry).toMatchObject({
        actorId: adminId,
        targetType: 'folder',
        folderId: first.id,
        before: null,
        after: {
          parentId: null,
          slug: 'ostra-hamnen',
          title: first.title,
          description: first.description,
          status: 'draft',
        },
      });
    });

    it('lets folder managers create sub-folders in their branch only (SPEC 2.2)', async () => {
      const p = await folder({ status: 'published' });
      const f = await folder({ status: 'draft', parentId: p.id });
      const elsewhere = await folder({ status: 'draft' });
      const fm = await as(await manager({ folderId: p.id }));
      // Anywhere below their folder…
      const sub = await fm.folders.create({ title: 'Deep inside', parentId: f.id });
      expect(sub).toMatchObject({ parentId: f.id, status: 'draft' });
      expect((await row(sub.id))?.path).toEqual([p.id, f.id]);
      // …not at the top, nor in a folder they cannot see, nor in one they see but do not run.
      expect((await refused(() => fm.folders.create({ title: 'Top' }))).code).toBe('FORBIDDEN');
      expect(
        (await refused(() => fm.folders.create({ title: 'Away', parentId: elsewhere.id }))).code,
      ).toBe('NOT_FOUND');
      const empty = await folder({ status: 'published' });
      expect(
        (await refused(() => fm.folders.create({ title: 'Away', parentId: empty.id }))).code,
      ).toBe('FORBIDDEN');
    });

    it('takes nothing it should not: the status, the slug, the platform are not inputs', async () => {
      const admin = await as(adminId);
      for (const extra of [
        { status: 'published' },
        { slug: 'chosen' },
        { platformId: fixture.platform.id },
        { path: [] },
      ]) {
        const error = await refused(() => admin.folders.create({ title: 'Sneaky', ...extra }));
        expect(error.code).toBe('BAD_REQUEST');
      }
      expect((await refused(() => admin.folders.create({ title: '  ' }))).message).toMatch(
        /^title/,
      );
    });
  });

  describe('folders.update', () => {
    it('changes texts only, audited with what changed before and after', async () => {
      const f = await folder({ status: 'draft' });
      const fm = await as(await manager({ folderId: f.id }));
      const updated = await fm.folders.update({ id: f.id, title: { en: 'Parks', sv: 'Parker' } });
      expect(updated).toMatchObject({ title: { en: 'Parks', sv: 'Parker' }, slug: f.slug });
      const [entry] = await auditOf('folder.update', f.id);
      expect(entry).toMatchObject({
        folderId: f.id,
        before: { title: f.title },
        after: { title: { en: 'Parks', sv: 'Parker' } },
      });
      // The description was not given: it is not in the entry.
      expect(entry?.before).not.toHaveProperty('description');
      // The same texts again change nothing and write nothing.
      const before = await snapshot();
      await fm.folders.update({ id: f.id, title: { sv: 'Parker', en: 'Parks' } });
      expect(await snapshot()).toEqual(before);
    });

    it('refuses every field that is not a text: no mass assignment', async () => {
      const f = await folder({ status: 'draft' });
      const other = await folder({ status: 'published' });
      const admin = await as(adminId);
      for (const extra of [
        { status: 'published' },
        { parentId: other.id },
        { platformId: fixture.platform.id },
        { path: [other.id] },
        { slug: 'taken-over' },
        { position: 0 },
        { publishedAt: new Date().toISOString() },
      ]) {
        const error = await refused(() =>
          admin.folders.update({ id: f.id, title: 'Fine', ...extra }),
        );
        expect(error.code, JSON.stringify(extra)).toBe('BAD_REQUEST');
      }
      expect((await refused(() => admin.folders.update({ id: f.id }))).code).toBe('BAD_REQUEST');
    });
  });

  describe('folders.setStatus', () => {
    it('publishes, archives and sets back to draft, with publishedAt, each audited (SPEC 3.1)', async () => {
      const p = await folder({ status: 'published' });
      const f = await folder({ status: 'draft', parentId: p.id });
      const fm = await as(await manager({ folderId: p.id }));
      const resident = async () => as(await newUser());
      expect(await outcome((await resident()).folders.get({ id: f.id }))).toBe('NOT_FOUND');

      expect(await fm.folders.setStatus({ id: f.id, status: 'published' })).toMatchObject({
        status: 'published',
      });
      const published = (await row(f.id))!.publishedAt;
      expect(published).toBeInstanceOf(Date);
      // An empty published folder is visible to everyone (SPEC 3.2).
      expect(await outcome((await resident()).folders.get({ id: f.id }))).toBe('ok');

      await fm.folders.setStatus({ id: f.id, status: 'archived' });
      expect((await row(f.id))?.publishedAt).toEqual(published);
      await fm.folders.setStatus({ id: f.id, status: 'draft' });
      expect((await row(f.id))?.publishedAt).toBeNull();

      const entries = await auditOf('folder.setStatus', f.id);
      expect(entries.map((e) => [e.before, e.after])).toEqual([
        [
          { status: 'draft', publishedAt: null },
          { status: 'published', publishedAt: published!.toISOString() },
        ],
        [
          { status: 'published', publishedAt: published!.toISOString() },
          { status: 'archived', publishedAt: published!.toISOString() },
        ],
        [
          { status: 'archived', publishedAt: published!.toISOString() },
          { status: 'draft', publishedAt: null },
        ],
      ]);
      // The status it already has: nothing changes, nothing is written.
      const before = await snapshot();
      await fm.folders.setStatus({ id: f.id, status: 'draft' });
      expect(await snapshot()).toEqual(before);
      expect(
        (await refused(() => fm.folders.setStatus({ id: f.id, status: 'gone' as never }))).code,
      ).toBe('BAD_REQUEST');
    });
  });

  describe('folders.delete', () => {
    it('refuses a folder that still holds folders or projects, saying so', async () => {
      const admin = await as(adminId);
      const withFolder = await folder({ status: 'draft' });
      await folder({ parentId: withFolder.id });
      const withProject = await folder({ status: 'draft' });
      await insertProject(db(), platformId(), { folderId: withProject.id });
      const holdsFolder = await refused(() => admin.folders.delete({ id: withFolder.id }));
      expect(holdsFolder.code).toBe('CONFLICT');
      expect(holdsFolder.message).toMatch(/still holds 1 folder\(s\) and 0 project\(s\)/);
      const holdsProject = await refused(() => admin.folders.delete({ id: withProject.id }));
      expect(holdsProject.code).toBe('CONFLICT');
      expect(holdsProject.message).toMatch(/still holds 0 folder\(s\) and 1 project\(s\)/);
    });

    it('deletes an empty folder with its managers’ roles, each audited (SPEC 2.1, 7)', async () => {
      const p = await folder({ status: 'published' });
      const f = await folder({ status: 'draft', parentId: p.id });
      const fmId = await manager({ folderId: f.id });
      const admin = await as(adminId);
      expect(await admin.folders.delete({ id: f.id })).toEqual({ ok: true });
      expect(await row(f.id)).toBeUndefined();
      expect(await outcome(admin.folders.get({ id: f.id }))).toBe('NOT_FOUND');
      expect(
        await db().select().from(roleAssignments).where(eq(roleAssignments.userId, fmId)),
      ).toEqual([]);
      const [deleted] = await auditOf('folder.delete', f.id);
      // Placed in the parent: the folder is gone, its parent's managers still read the entry.
      expect(deleted).toMatchObject({
        folderId: p.id,
        before: { parentId: p.id, slug: f.slug, title: f.title, status: 'draft' },
        after: null,
      });
      const [revoked] = await auditOf('role.revoke', fmId);
      expect(revoked).toMatchObject({
        folderId: p.id,
        before: { role: 'folder_manager', scope: { type: 'folder', id: f.id } },
        after: null,
      });
    });

    it('answers a deletion that lost the race to a new child like the check: CONFLICT', async () => {
      // The database's own refusal, on this engine, as a deletion past the check would meet it.
      const parent = await folder();
      await folder({ parentId: parent.id });
      const holder = await folder();
      await insertProject(db(), platformId(), { folderId: holder.id });
      for (const id of [parent.id, holder.id]) {
        const error = await db()
          .delete(folders)
          .where(eq(folders.id, id))
          .then(
            () => null,
            (e: unknown) => e,
          );
        const mapped = deletionRefusal(error);
        expect(mapped).toBeInstanceOf(AppError);
        expect(mapped).toMatchObject({ code: 'CONFLICT' });
      }
      // Anything else is not dressed up as a refusal.
      const other = new Error('connection lost');
      expect(deletionRefusal(other)).toBe(other);
    });
  });

  describe('folders.move', () => {
    it('moves a whole branch: paths below follow, and so does who manages it (SPEC 1)', async () => {
      // old: P → A (published) → B → a draft project; new: D, with its own manager.
      const p = await folder({ status: 'published' });
      const a = await folder({ status: 'published', parentId: p.id });
      const b = await folder({ status: 'draft', parentId: a.id });
      await insertProject(db(), platformId(), { folderId: a.id, status: 'published' });
      const deep = await insertProject(db(), platformId(), { folderId: b.id });
      const d = await folder({ status: 'draft' });
      const oldManager = await manager({ folderId: p.id });
      const newManager = await manager({ folderId: d.id });
      // Before: A is seen by all (a published project inside), not run by D's manager.
      expect(await outcome((await as(newManager)).folders.update({ id: a.id, title: 'x' }))).toBe(
        'FORBIDDEN',
      );

      const moved = await (await as(adminId)).folders.move({ id: a.id, parentId: d.id });
      expect(moved).toMatchObject({ id: a.id, parentId: d.id });
      expect((await row(a.id))?.path).toEqual([d.id]);
      expect((await row(b.id))?.path).toEqual([d.id, a.id]);
      const [project] = await db().select().from(projects).where(eq(projects.id, deep.id));
      expect(project?.folderPath).toEqual([d.id, a.id, b.id]);

      // The destination's manager now runs the branch, down to the draft project…
      const theirs = await as(newManager);
      expect(await outcome(theirs.folders.update({ id: a.id, title: 'Ours now' }))).toBe('ok');
      expect(await outcome(theirs.folders.update({ id: b.id, title: 'Ours too' }))).toBe('ok');
      expect(await outcome(theirs.projects.get({ id: deep.id }))).toBe('ok');
      // …and the old place's no longer does: A is visible to them, no longer theirs.
      const former = await as(oldManager);
      expect(await outcome(former.folders.update({ id: a.id, title: 'Mine?' }))).toBe('FORBIDDEN');
      expect(await outcome(former.folders.update({ id: b.id, title: 'Mine?' }))).toBe('NOT_FOUND');
      expect(await outcome(former.projects.get({ id: deep.id }))).toBe('NOT_FOUND');

      const [entry] = await auditOf('folder.move', a.id);
      expect(entry).toMatchObject({
        actorId: adminId,
        // In the place it left: P's managers read where it went.
        folderId: p.id,
        before: { parentId: p.id, path: [p.id] },
        after: { parentId: d.id, path: [d.id] },
      });
    });

    it('moves to the top (admins), last among its new siblings', async () => {
      const p = await folder({ status: 'published' });
      const a = await folder({ status: 'published', parentId: p.id });
      const b = await folder({ parentId: a.id });
      const admin = await as(adminId);
      await admin.folders.move({ id: a.id, parentId: null });
      expect((await row(a.id))?.path).toEqual([]);
      expect((await row(b.id))?.path).toEqual([a.id]);
      const top = await admin.folders.list({ limit: 100 });
      expect(top.items.at(-1)?.id).toBe(a.id);
      // Moving it where it already is changes nothing and writes nothing.
      const before = await snapshot();
      await admin.folders.move({ id: a.id, parentId: null });
      expect(await snapshot()).toEqual(before);
    });

    it('needs the destination managed too: the top is for admins', async () => {
      const p = await folder({ status: 'published' });
      const f = await folder({ status: 'published', parentId: p.id });
      const fm = await as(await manager({ folderId: p.id }));
      const visibleElsewhere = await folder({ status: 'published' });
      const hiddenElsewhere = await folder({ status: 'draft' });
      expect((await refused(() => fm.folders.move({ id: f.id, parentId: null }))).code).toBe(
        'FORBIDDEN',
      );
      expect(
        (await refused(() => fm.folders.move({ id: f.id, parentId: visibleElsewhere.id }))).code,
      ).toBe('FORBIDDEN');
      expect(
        (await refused(() => fm.folders.move({ id: f.id, parentId: hiddenElsewhere.id }))).code,
      ).toBe('NOT_FOUND');
    });

    it('does not act on a decision that a move overtook: CONFLICT, try again', async () => {
      // A guard decided on F at the top; before the change locked it, F was moved under P.
      const p = await folder({ status: 'published' });
      const f = await folder({ parentId: p.id });
      const stale = { id: f.id, ancestorIds: [] };
      await expect(lockFolder(db(), platformId(), stale, 'update')).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      await expect(
        lockFolder(db(), platformId(), { id: f.id, ancestorIds: [p.id] }, 'share'),
      ).resolves.toMatchObject({ id: f.id, parentId: p.id });
    });

    it('never moves a folder under itself or below it: BAD_REQUEST naming parentId', async () => {
      const p = await folder({ status: 'published' });
      const child = await folder({ parentId: p.id });
      const grandchild = await folder({ parentId: child.id });
      const admin = await as(adminId);
      for (const parentId of [p.id, child.id, grandchild.id]) {
        const error = await refused(() => admin.folders.move({ id: p.id, parentId }));
        expect(error.code).toBe('BAD_REQUEST');
        expect(error.message).toMatch(/^parentId: a folder cannot be moved under itself/);
      }
      // Should a move ever slip past that check, the database's refusal means the same.
      const error = await db()
        .update(folders)
        .set({ parentId: grandchild.id })
        .where(eq(folders.id, p.id))
        .then(
          () => null,
          (e: unknown) => e,
        );
      const mapped = moveRefusal(error);
      expect(mapped).toBeInstanceOf(AppError);
      expect(mapped).toMatchObject({ code: 'BAD_REQUEST' });
      expect((mapped as AppError).message).toMatch(/^parentId:/);
      const other = new Error('connection lost');
      expect(moveRefusal(other)).toBe(other);
    });
  });
});

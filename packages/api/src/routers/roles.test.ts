import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, projects, roleAssignments, users } from '@samrad/db';
import { insertUser, testDatabaseKinds } from '@samrad/db/testing';
import { createApiFixture, openSessionForTest, type ApiFixture } from '../testing/api-fixture.js';
import { codeAndReason, refusalOf, rowCounts } from '../testing/refusals.js';

/** roles.* and access.explain through the router, on both engines (SPEC 2, 7). */
describe.each(testDatabaseKinds())('roles and explanations on %s', (kind) => {
  let fixture: ApiFixture;
  beforeAll(async () => {
    fixture = await createApiFixture(kind);
  });
  afterAll(() => fixture?.close());

  const as = (who: string | null) => fixture.as(who);
  const userId = async (who: string) =>
    (
      await fixture.connection.db
        .select()
        .from(users)
        .where(eq(users.email, `${who}@demo.samrad.local`))
    )[0]!.id;
  const project = async (slug: string) =>
    ({
      type: 'project',
      id: (await fixture.connection.db.select().from(projects).where(eq(projects.slug, slug)))[0]!
        .id,
    }) as const;
  /** A fresh resident for each test, so no test depends on another's changes. */
  const newcomer = async () =>
    (await insertUser(fixture.connection.db, fixture.platform.id, { emailConfirmedAt: new Date() }))
      .id;
  const counts = () => rowCounts(fixture.connection.db, [roleAssignments, auditLog]);
  /** `[code, reason]` of a refused call, once checked that it wrote no role and no audit entry. */
  const refusal = async (call: () => Promise<unknown>) =>
    codeAndReason(await refusalOf(call, counts));

  it('lets an admin appoint a project manager, audited with the change', async () => {
    const admin = await as('admin');
    const park = await project('a-new-park-by-the-harbour');
    const resident = await newcomer();
    await admin.roles.assign({ userId: resident, role: 'project_manager', scope: park });
    const listed = await admin.roles.list({ scope: park });
    expect(listed.items).toContainEqual({ userId: resident, role: 'project_manager', scope: park });
    const [entry] = await fixture.connection.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'role.assign'), eq(auditLog.targetId, resident)));
    expect(entry).toMatchObject({
      projectId: park.id,
      before: null,
      after: { role: 'project_manager', scope: park },
    });
    expect(entry?.actorLabel).toContain('admin@demo.samrad.local');
  });

  it('lists every assignment of the platform a page at a time, newest first', async () => {
    const admin = await as('admin');
    const all = await admin.roles.list({ limit: 200 });
    expect(all.nextCursor).toBeNull();
    const seen: unknown[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof admin.roles.list>> = await admin.roles.list({
        limit: 2,
        cursor,
      });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items);
    expect(all.items.length).toBeGreaterThan(4);
    expect(await refusal(() => admin.roles.list({ cursor: 'not-a-cursor' }))).toEqual([
      'BAD_REQUEST',
      null,
    ]);
  });

  it('refuses what SPEC 2 refuses, with the codes of API.md', async () => {
    const park = await project('a-new-park-by-the-harbour');
    const budget = await project('budget-2027-your-priorities');
    const cycle = await project('cycle-lanes-on-storgatan');
    const draft = await project('bus-stop-shelters');
    const target = await userId('pending');
    const pm = await as('project.manager');
    const fm = await as('folder.manager');
    // Project managers cannot appoint other project managers.
    expect(
      await refusal(() =>
        pm.roles.assign({ userId: target, role: 'project_manager', scope: park }),
      ),
    ).toEqual(['FORBIDDEN', 'not_permitted']);
    // Delegation is off by default…
    expect(
      await refusal(() =>
        fm.roles.assign({ userId: target, role: 'project_manager', scope: cycle }),
      ),
    ).toEqual(['FORBIDDEN', 'delegation_off']);
    // …and, on, never reaches outside the branch (a request after the change sees it).
    const admin = await as('admin');
    await admin.platform.update({ managersMayDelegate: true });
    try {
      const delegating = await as('folder.manager');
      expect(
        await refusal(() =>
          delegating.roles.assign({ userId: target, role: 'project_manager', scope: budget }),
        ),
      ).toEqual(['FORBIDDEN', 'not_permitted']);
      await delegating.roles.assign({ userId: target, role: 'project_manager', scope: cycle });
    } finally {
      await admin.platform.update({ managersMayDelegate: false });
    }
    expect(
      await refusal(async () =>
        (await as(null)).roles.assign({ userId: target, role: 'project_moderator', scope: park }),
      ),
    ).toEqual(['UNAUTHORIZED', null]);
    expect(
      await refusal(async () =>
        (await as('resident')).roles.assign({
          userId: target,
          role: 'project_moderator',
          scope: draft,
        }),
      ),
    ).toEqual(['NOT_FOUND', null]);
    expect(
      await refusal(async () =>
        (await as('resident')).roles.assign({
          userId: target,
          role: 'project_moderator',
          scope: park,
        }),
      ),
    ).toEqual(['FORBIDDEN', 'not_permitted']);
  });

  it('lets a project manager appoint a moderator, and a change of role needs the right to revoke', async () => {
    const park = await project('a-new-park-by-the-harbour');
    const cycle = await project('cycle-lanes-on-storgatan');
    const reviewer = await userId('reviewer');
    await (
      await as('project.manager')
    ).roles.assign({ userId: reviewer, role: 'project_moderator', scope: park });
    // The moderator of the cycle lanes is not the project manager's to replace.
    const moderator = await userId('moderator');
    expect(
      await refusal(async () =>
        (await as('project.manager')).roles.assign({
          userId: moderator,
          role: 'project_reviewer',
          scope: cycle,
        }),
      ),
    ).toEqual(['FORBIDDEN', 'not_permitted']);
    await (
      await as('admin')
    ).roles.assign({ userId: moderator, role: 'project_reviewer', scope: cycle });
    const [entry] = await fixture.connection.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, moderator), eq(auditLog.projectId, cycle.id)));
    expect(entry).toMatchObject({
      before: { role: 'project_moderator' },
      after: { role: 'project_reviewer' },
    });
  });

  it('never removes the last admin (SPEC 2.1)', async () => {
    const admin = await as('admin');
    const adminId = await userId('admin');
    expect(
      await refusal(() => admin.roles.revoke({ userId: adminId, scope: { type: 'platform' } })),
    ).toEqual(['CONFLICT', 'last_admin']);
    const other = await insertUser(fixture.connection.db, fixture.platform.id);
    await admin.roles.assign({ userId: other.id, role: 'admin', scope: { type: 'platform' } });
    await admin.roles.revoke({ userId: adminId, scope: { type: 'platform' } });
    const second = await fixture.caller(await openSessionForTest(fixture.connection.db, other));
    expect((await second.auth.me())?.roles).toEqual([
      { role: 'admin', scope: { type: 'platform' } },
    ]);
    // The new admin restores the first, who then takes the role back from them.
    await second.roles.assign({ userId: adminId, role: 'admin', scope: { type: 'platform' } });
    await (await as('admin')).roles.revoke({ userId: other.id, scope: { type: 'platform' } });
  });

  it('sets someone back to a normal user: all their roles or none (SPEC 2.1)', async () => {
    const park = await project('a-new-park-by-the-harbour');
    const cycle = await project('cycle-lanes-on-storgatan');
    const helper = await newcomer();
    const admin = await as('admin');
    await admin.roles.assign({ userId: helper, role: 'project_moderator', scope: park });
    await admin.roles.assign({ userId: helper, role: 'project_reviewer', scope: cycle });
    // The park's manager may revoke the park role but not the cycle lanes one: nothing goes.
    expect(
      await refusal(async () => (await as('project.manager')).roles.clear({ userId: helper })),
    ).toEqual(['FORBIDDEN', 'not_permitted']);
    expect(await admin.roles.clear({ userId: helper })).toEqual({ removed: 2 });
    const left = await fixture.connection.db
      .select()
      .from(roleAssignments)
      .where(eq(roleAssignments.userId, helper));
    expect(left).toEqual([]);
    // Nothing left to clear: as for revoking a role not held, for admins and residents alike.
    expect(await refusal(async () => admin.roles.clear({ userId: helper }))).toEqual([
      'NOT_FOUND',
      null,
    ]);
    expect(await refusal(async () => admin.roles.clear({ userId: await userId('admin') }))).toEqual(
      ['CONFLICT', 'last_admin'],
    );
  });

  it('shows the audit log to admins whole, to managers for their scope only (SPEC 7)', async () => {
    const park = await project('a-new-park-by-the-harbour');
    const cycle = await project('cycle-lanes-on-storgatan');
    const admin = await as('admin');
    await admin.roles.assign({ userId: await newcomer(), role: 'project_reviewer', scope: park });
    await admin.roles.assign({ userId: await newcomer(), role: 'project_reviewer', scope: cycle });
    const all = await admin.audit.list({});
    expect(all.items.map((entry) => entry.projectId)).toEqual(
      expect.arrayContaining([park.id, cycle.id]),
    );
    // The park's manager reads the park's entries and nothing else.
    const pm = await as('project.manager');
    const theirs = await pm.audit.list({});
    expect(theirs.items.length).toBeGreaterThan(0);
    expect(theirs.items.every((entry) => entry.projectId === park.id)).toBe(true);
    expect(await refusal(() => pm.audit.list({ scope: cycle }))).toEqual([
      'FORBIDDEN',
      'not_permitted',
    ]);
    // The folder manager of Urban development reads the cycle lanes' entries (in their branch).
    const branch = await (await as('folder.manager')).audit.list({});
    expect(branch.items.map((entry) => entry.projectId)).toEqual(
      expect.arrayContaining([park.id, cycle.id]),
    );
    // Someone who manages nothing reads nothing.
    expect((await (await as('resident')).audit.list({})).items).toEqual([]);
    expect(await refusal(async () => (await as(null)).audit.list({}))).toEqual([
      'UNAUTHORIZED',
      null,
    ]);
    // Pages follow one another without gaps.
    const first = await admin.audit.list({ limit: 1 });
    const second = await admin.audit.list({ limit: 1, cursor: first.nextCursor });
    expect(second.items[0]?.id).toBe(all.items[1]?.id);
  });

  it('refuses a role on the wrong kind of scope as BAD_REQUEST naming the field', async () => {
    const admin = await as('admin');
    const error = await refusalOf(
      async () =>
        admin.roles.assign({
          userId: await userId('resident'),
          role: 'admin',
          scope: await project('a-new-park-by-the-harbour'),
        }),
      counts,
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/^role:/);
  });

  it('explains a decision with its trace, to admins and to managers within their scope (SPEC 7)', async () => {
    const park = await project('a-new-park-by-the-harbour');
    const youth = await project('youth-council-consultation');
    const resident = await userId('resident');
    const admin = await as('admin');
    const why = await admin.access.explain({
      userId: resident,
      action: 'project.delete',
      target: park,
    });
    expect(why.allowed).toBe(false);
    expect(why.trace.length).toBeGreaterThan(0);
    const visible = await admin.access.explain({
      userId: resident,
      action: 'project.read',
      target: youth,
    });
    expect(visible).toMatchObject({ allowed: true });
    expect(visible.trace.join(' ')).toMatch(/group/);
    const { db } = fixture.connection;
    const pendingId = await userId('pending');
    const pending = await admin.access.explain({
      userId: pendingId,
      action: 'project.read',
      target: youth,
    });
    expect(pending.allowed).toBe(false);
    expect(pending.trace[0]).toMatch(/pending: treated as a visitor/);
    expect(
      (
        await (
          await as('project.manager')
        ).access.explain({ userId: resident, action: 'project.update', target: park })
      ).allowed,
    ).toBe(false);
    expect(
      await refusal(async () =>
        (await as('project.manager')).access.explain({
          userId: resident,
          action: 'project.read',
          target: await project('budget-2027-your-priorities'),
        }),
      ),
    ).toEqual(['FORBIDDEN', 'not_permitted']);
    expect(
      await refusal(async () =>
        (await as('resident')).access.explain({
          userId: resident,
          action: 'project.read',
          target: park,
        }),
      ),
    ).toEqual(['FORBIDDEN', 'not_permitted']);
    // A pending account is a visitor: it may not ask either.
    const [pendingUser] = await db.select().from(users).where(eq(users.id, pendingId));
    const asPending = await fixture.caller(await openSessionForTest(db, pendingUser!));
    expect(
      await refusal(() =>
        asPending.access.explain({ userId: resident, action: 'project.read', target: park }),
      ),
    ).toEqual(['UNAUTHORIZED', null]);
  });
});

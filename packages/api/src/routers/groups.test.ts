import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, sql } from 'drizzle-orm';
import type { BuiltInGroup, SmartGroupRules } from '@samrad/core';
import {
  auditLog,
  compositeGroupMembers,
  groupMemberships,
  participationSettingGroups,
  participationSettings,
  projects,
  projectVisibilityGroups,
  roleAssignments,
  userGroups,
  users,
} from '@samrad/db';
import {
  insertPhase,
  insertPlatform,
  insertProject,
  insertUser,
  testDatabaseKinds,
} from '@samrad/db/testing';
import { createApiFixture, openSessionForTest, type ApiFixture } from '../testing/api-fixture.js';
import { auditEntries, refusalOf, rowCounts } from '../testing/refusals.js';

/** groups.* through the router, on both engines (SPEC 5, 3.4, 4.2, 7). */
describe.each(testDatabaseKinds())('user groups on %s', (kind) => {
  let fixture: ApiFixture;
  let queries = 0;
  beforeAll(async () => {
    fixture = await createApiFixture(kind, { logger: { logQuery: () => void queries++ } });
  });
  afterAll(() => fixture?.close());

  const db = () => fixture.connection.db;
  const as = (who: string | null) => fixture.as(who);
  const callerFor = async (user: { id: string; platformId: string }) =>
    fixture.caller(await openSessionForTest(db(), user));
  const projectId = async (slug: string) =>
    (await db().select().from(projects).where(eq(projects.slug, slug)))[0]!.id;
  const builtIn = async (which: BuiltInGroup) =>
    (await db().select().from(userGroups).where(eq(userGroups.builtIn, which)))[0]!.id;
  /** A fresh active user for each test, so no test depends on another's changes. */
  const newcomer = (values: Partial<typeof users.$inferInsert> = {}) =>
    insertUser(db(), fixture.platform.id, { emailConfirmedAt: new Date(), ...values });
  let names = 0;
  const name = (what: string) => `${what} ${++names}`;
  const emailRule = (email: string): SmartGroupRules => ({
    match: 'all',
    rules: [{ field: 'email', op: 'equals', value: email }],
  });

  const tables = [
    userGroups,
    groupMemberships,
    compositeGroupMembers,
    projectVisibilityGroups,
    participationSettingGroups,
    auditLog,
  ];
  const counts = () => rowCounts(db(), tables);
  const refusal = (call: () => Promise<unknown>) => refusalOf(call, counts);
  const audits = (action: string, targetId: string) => auditEntries(db(), action, targetId);

  it('lets an admin create each kind of group, with its members counted, audited', async () => {
    const admin = await as('admin');
    const [anna, bo, cleo] = [await newcomer(), await newcomer(), await newcomer()];
    const pending = await newcomer({ status: 'pending' });
    const manual = await admin.groups.create({
      name: name('Harbour walkers'),
      description: '  Walk the harbour on Sundays ',
      kind: 'manual',
      memberIds: [anna.id, bo.id, pending.id, anna.id.toUpperCase()],
    });
    // Pending and blocked users belong to no group (SPEC 2.4): listed, but not counted.
    expect(manual).toMatchObject({
      kind: 'manual',
      description: 'Walk the harbour on Sundays',
      builtIn: null,
      rules: null,
      groupIds: [],
      memberCount: 2,
    });
    const smart = await admin.groups.create({
      name: name('Cleo alone'),
      kind: 'smart',
      rules: emailRule(cleo.email.toUpperCase()),
    });
    expect(smart).toMatchObject({
      kind: 'smart',
      memberCount: 1,
      rules: emailRule(cleo.email.toUpperCase()),
    });
    // Composite: its own users plus the manual groups' members, each counted once.
    const composite = await admin.groups.create({
      name: name('Harbour and friends'),
      kind: 'composite',
      memberIds: [anna.id, cleo.id],
      groupIds: [manual.id],
    });
    expect(composite).toMatchObject({ kind: 'composite', groupIds: [manual.id], memberCount: 3 });
    expect(await admin.groups.get({ id: composite.id })).toEqual(composite);
    const [entry] = await audits('group.create', composite.id);
    expect(entry).toMatchObject({
      targetType: 'group',
      before: null,
      after: {
        kind: 'composite',
        memberIds: [anna.id, cleo.id],
        groupIds: [manual.id],
        rules: null,
      },
    });
    expect(entry?.actorLabel).toContain('admin@demo.samrad.local');
    expect(await audits('group.create', manual.id)).toHaveLength(1);
  });

  it('counts the built-in groups as their rules say: everyone registered, and staff', async () => {
    const everyone = await (
      await as('admin')
    ).groups.get({ id: await builtIn('everyone_registered') });
    const staff = await (await as('admin')).groups.get({ id: await builtIn('staff') });
    const [active] = await db()
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.platformId, fixture.platform.id), eq(users.status, 'active')));
    const [withRole] = await db()
      .select({ n: count() })
      .from(users)
      .where(
        and(
          eq(users.status, 'active'),
          eq(users.platformId, fixture.platform.id),
          sql`exists (select 1 from ${roleAssignments} where ${roleAssignments.userId} = ${users.id})`,
        ),
      );
    expect(everyone).toMatchObject({ builtIn: 'everyone_registered', memberCount: active!.n });
    expect(staff).toMatchObject({ builtIn: 'staff', memberCount: withRole!.n });
    expect(staff.memberCount).toBeGreaterThanOrEqual(5);
  });

  it('refuses input unfit for the kind, the rules or the platform with BAD_REQUEST naming the field', async () => {
    const admin = await as('admin');
    const elsewhere = await insertPlatform(db());
    const stranger = await insertUser(db(), elsewhere.id);
    const unknownProject = '0b0e3f0e-8a4c-4c4e-9a55-0d6f1b2c3d4e';
    const smart = (rules: SmartGroupRules) => ({
      name: name('Smart'),
      kind: 'smart' as const,
      rules,
    });
    const rows: [string, Parameters<typeof admin.groups.create>[0], string][] = [
      ['smart without rules', { name: name('Smart'), kind: 'smart' }, 'rules'],
      [
        'rules on a manual group',
        { ...smart({ match: 'all', rules: [] }), kind: 'manual' },
        'rules',
      ],
      [
        'hand-picked members of a smart group',
        { ...smart({ match: 'all', rules: [] }), memberIds: [stranger.id] },
        'memberIds',
      ],
      [
        'groups inside a manual group',
        { name: name('M'), kind: 'manual', groupIds: [] },
        'groupIds',
      ],
      [
        'an operator unfit for the field',
        smart({ match: 'all', rules: [{ field: 'email', op: 'isTrue' }] }),
        'rules.rules.0',
      ],
      [
        'an unknown registration question',
        smart({ match: 'any', rules: [{ field: 'answer:shoe_size', op: 'notEmpty' }] }),
        'rules.rules.0',
      ],
      [
        'an option the question does not have',
        smart({
          match: 'all',
          rules: [
            { field: 'verified', op: 'isTrue' },
            { field: 'answer:age_group', op: 'equals', value: 'toddler' },
          ],
        }),
        'rules.rules.1',
      ],
      [
        'a project of no platform',
        smart({
          match: 'all',
          rules: [{ field: 'participatedIn', op: 'equals', value: unknownProject }],
        }),
        'rules.rules.0',
      ],
      [
        'a user of another platform',
        { name: name('M'), kind: 'manual', memberIds: [stranger.id] },
        'memberIds',
      ],
      [
        'a group of no platform',
        { name: name('C'), kind: 'composite', groupIds: [unknownProject] },
        'groupIds',
      ],
    ];
    for (const [why, input, field] of rows) {
      expect(await refusal(() => admin.groups.create(input)), why).toMatchObject({
        code: 'BAD_REQUEST',
        field,
      });
    }
    // A question's own options and a project of this platform are fine.
    const park = await projectId('a-new-park-by-the-harbour');
    await admin.groups.create(
      smart({
        match: 'any',
        rules: [
          { field: 'answer:age_group', op: 'oneOf', value: ['18_34', '35_64'] },
          { field: 'participatedIn', op: 'equals', value: park },
        ],
      }),
    );
  });

  it('keeps smart and composite groups out of composite groups: CONFLICT (SPEC 5 [002])', async () => {
    const admin = await as('admin');
    const manual = await admin.groups.create({ name: name('Manual'), kind: 'manual' });
    const smart = await admin.groups.create({
      name: name('Smart'),
      kind: 'smart',
      rules: { match: 'all', rules: [{ field: 'verified', op: 'isTrue' }] },
    });
    const composite = await admin.groups.create({
      name: name('Composite'),
      kind: 'composite',
      groupIds: [manual.id],
    });
    for (const inside of [smart.id, composite.id, await builtIn('staff')]) {
      expect(
        await refusal(() =>
          admin.groups.create({
            name: name('Nested'),
            kind: 'composite',
            groupIds: [manual.id, inside],
          }),
        ),
      ).toMatchObject({ code: 'CONFLICT', field: 'groupIds' });
      expect(
        await refusal(() => admin.groups.update({ id: composite.id, groupIds: [inside] })),
      ).toMatchObject({ code: 'CONFLICT', field: 'groupIds' });
    }
    expect((await admin.groups.get({ id: composite.id })).groupIds).toEqual([manual.id]);
    expect((await admin.groups.update({ id: composite.id, groupIds: [] })).groupIds).toEqual([]);
    // Names are unique on the platform.
    expect(
      await refusal(() => admin.groups.create({ name: manual.name, kind: 'manual' })),
    ).toMatchObject({ code: 'CONFLICT', field: 'name' });
    expect(
      await refusal(() => admin.groups.update({ id: smart.id, name: manual.name })),
    ).toMatchObject({ code: 'CONFLICT', field: 'name' });
  });

  it('lets managers read groups but change nothing; others are refused as the policy says', async () => {
    const admin = await as('admin');
    const group = await admin.groups.create({ name: name('Readable'), kind: 'manual' });
    const missing = '6f1c2d3e-4b5a-4697-8877-665544332211';
    for (const manager of ['folder.manager', 'project.manager']) {
      const api = await as(manager);
      expect((await api.groups.list({ search: group.name })).items.map((g) => g.id)).toEqual([
        group.id,
      ]);
      expect((await api.groups.get({ id: group.id })).name).toBe(group.name);
      await api.groups.members({ id: group.id });
      const tries: (() => Promise<unknown>)[] = [
        () => api.groups.create({ name: name('Mine'), kind: 'manual' }),
        () => api.groups.update({ id: group.id, name: name('Mine') }),
        () => api.groups.delete({ id: group.id }),
        () => api.groups.addMembers({ id: group.id, userIds: [missing] }),
        () => api.groups.removeMembers({ id: group.id, userIds: [missing] }),
      ];
      for (const attempt of tries) {
        expect(await refusal(attempt), manager).toMatchObject({
          code: 'FORBIDDEN',
          reason: 'not_permitted',
        });
      }
    }
    // A moderator manages nothing, a resident nothing at all: groups are not theirs to see. The
    // answer is the same for a group that exists and one that does not.
    for (const [who, code] of [
      ['moderator', 'FORBIDDEN'],
      ['resident', 'FORBIDDEN'],
      [null, 'UNAUTHORIZED'],
    ] as const) {
      const api = await as(who);
      for (const id of [group.id, missing]) {
        const tries: (() => Promise<unknown>)[] = [
          () => api.groups.list({}),
          () => api.groups.get({ id }),
          () => api.groups.members({ id }),
          () => api.groups.create({ name: name('Mine'), kind: 'manual' }),
          () => api.groups.update({ id, name: name('Mine') }),
          () => api.groups.delete({ id, detachFromProjects: true }),
          () => api.groups.addMembers({ id, userIds: [missing] }),
        ];
        for (const attempt of tries) expect((await refusal(attempt)).code, String(who)).toBe(code);
      }
    }
    // Admins: a group of no platform, or of another one, does not exist.
    const elsewhere = await insertPlatform(db());
    const [foreign] = await db()
      .insert(userGroups)
      .values({ platformId: elsewhere.id, name: 'Theirs', kind: 'manual' })
      .returning();
    for (const id of [missing, foreign!.id]) {
      expect(await refusal(() => admin.groups.get({ id }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await refusal(() => admin.groups.update({ id, name: name('Mine') }))).toMatchObject({
        code: 'NOT_FOUND',
      });
      expect(await refusal(() => admin.groups.delete({ id }))).toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('never changes a built-in group, not even for an admin', async () => {
    const admin = await as('admin');
    const someone = await newcomer();
    for (const which of ['everyone_registered', 'staff'] as const) {
      const id = await builtIn(which);
      const tries: (() => Promise<unknown>)[] = [
        () => admin.groups.update({ id, name: name('Renamed') }),
        () => admin.groups.update({ id, rules: { match: 'any', rules: [] } }),
        () => admin.groups.delete({ id, detachFromProjects: true }),
        () => admin.groups.addMembers({ id, userIds: [someone.id] }),
        () => admin.groups.removeMembers({ id, userIds: [someone.id] }),
      ];
      for (const attempt of tries) {
        expect(await refusal(attempt), which).toMatchObject({
          code: 'FORBIDDEN',
          reason: 'built_in',
        });
      }
    }
  });

  it('makes a smart group follow its rules at once, in this process, after a change', async () => {
    const admin = await as('admin');
    const outsider = await newcomer();
    // A fresh caller per request, as the server makes one: the subject is loaded once per call.
    const resident = () => callerFor(outsider);
    const secret = await insertProject(db(), fixture.platform.id, {
      status: 'published',
      visibleTo: 'groups',
    });
    const group = await admin.groups.create({
      name: name('Insiders'),
      kind: 'smart',
      rules: emailRule('nobody@nowhere.test'),
    });
    await db()
      .insert(projectVisibilityGroups)
      .values({ platformId: fixture.platform.id, projectId: secret.id, groupId: group.id });
    // The server's cache now holds the rules matching nobody.
    await expect((await resident()).projects.get({ id: secret.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const updated = await admin.groups.update({ id: group.id, rules: emailRule(outsider.email) });
    expect(updated.memberCount).toBe(1);
    expect((await (await resident()).projects.get({ id: secret.id })).id).toBe(secret.id);
    expect((await admin.groups.members({ id: group.id })).items.map((m) => m.id)).toEqual([
      outsider.id,
    ]);
    const [entry] = await audits('group.update', group.id);
    expect(entry).toMatchObject({
      before: { rules: emailRule('nobody@nowhere.test') },
      after: { rules: emailRule(outsider.email) },
    });
    // A smart group created now counts at once too.
    const other = await insertProject(db(), fixture.platform.id, {
      status: 'published',
      visibleTo: 'groups',
    });
    await (await resident()).projects.get({ id: secret.id });
    const created = await admin.groups.create({
      name: name('Newcomers'),
      kind: 'smart',
      rules: emailRule(outsider.email),
    });
    await db()
      .insert(projectVisibilityGroups)
      .values({ platformId: fixture.platform.id, projectId: other.id, groupId: created.id });
    expect((await (await resident()).projects.get({ id: other.id })).id).toBe(other.id);
  });

  it('updates names, descriptions and the groups of a composite, audited before and after', async () => {
    const admin = await as('admin');
    const [a, b] = [
      await admin.groups.create({ name: name('A'), kind: 'manual' }),
      await admin.groups.create({ name: name('B'), kind: 'manual' }),
    ];
    const composite = await admin.groups.create({
      name: name('Both'),
      kind: 'composite',
      description: 'first',
      groupIds: [a.id],
    });
    const renamed = name('Renamed');
    const updated = await admin.groups.update({
      id: composite.id,
      name: renamed,
      description: null,
      groupIds: [b.id, a.id],
    });
    expect(updated).toMatchObject({
      name: renamed,
      description: null,
      groupIds: [a.id, b.id].sort(),
    });
    const [entry] = await audits('group.update', composite.id);
    expect(entry).toMatchObject({
      before: { name: composite.name, description: 'first', groupIds: [a.id] },
      after: { name: renamed, description: null, groupIds: [b.id, a.id] },
    });
    expect(
      await refusal(() => admin.groups.update({ id: a.id, rules: { match: 'all', rules: [] } })),
    ).toMatchObject({ code: 'BAD_REQUEST', field: 'rules' });
    expect(await refusal(() => admin.groups.update({ id: a.id, groupIds: [] }))).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'groupIds',
    });
    expect(await refusal(() => admin.groups.update({ id: a.id }))).toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('adds and removes members of manual and composite groups only, audited', async () => {
    const admin = await as('admin');
    const [anna, bo] = [await newcomer(), await newcomer()];
    const manual = await admin.groups.create({ name: name('Choir'), kind: 'manual' });
    const composite = await admin.groups.create({
      name: name('Choir and band'),
      kind: 'composite',
    });
    for (const group of [manual, composite]) {
      expect(await admin.groups.addMembers({ id: group.id, userIds: [anna.id, bo.id] })).toEqual({
        userIds: [anna.id, bo.id].sort(),
      });
      // Already there: nothing changes, nothing is written.
      const before = await counts();
      expect(await admin.groups.addMembers({ id: group.id, userIds: [anna.id] })).toEqual({
        userIds: [],
      });
      expect(await counts()).toEqual(before);
      expect(await admin.groups.removeMembers({ id: group.id, userIds: [bo.id] })).toEqual({
        userIds: [bo.id],
      });
      expect((await admin.groups.members({ id: group.id })).items.map((m) => m.id)).toEqual([
        anna.id,
      ]);
      expect(await audits('group.addMembers', group.id)).toMatchObject([
        { before: null, after: { userIds: [anna.id, bo.id].sort() } },
      ]);
      expect(await audits('group.removeMembers', group.id)).toMatchObject([
        { before: { userIds: [bo.id] }, after: null },
      ]);
    }
    const smart = await admin.groups.create({
      name: name('Verified'),
      kind: 'smart',
      rules: { match: 'all', rules: [{ field: 'verified', op: 'isTrue' }] },
    });
    expect(
      await refusal(() => admin.groups.addMembers({ id: smart.id, userIds: [anna.id] })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'id: members of a smart group follow its rules',
    });
    const stranger = await insertUser(db(), (await insertPlatform(db())).id);
    expect(
      await refusal(() =>
        admin.groups.addMembers({ id: manual.id, userIds: [anna.id, stranger.id] }),
      ),
    ).toMatchObject({ code: 'BAD_REQUEST', field: 'userIds' });
    expect(
      await refusal(() => admin.groups.removeMembers({ id: manual.id, userIds: [stranger.id] })),
    ).toMatchObject({ code: 'BAD_REQUEST', field: 'userIds' });
  });

  it('lists members as the group makes them, and only people the reader may see', async () => {
    const admin = await as('admin');
    const listed = await newcomer({ name: 'Alva Listed', listedInDirectory: true });
    const hidden = await newcomer({ name: 'Bertil Hidden' });
    const inComposite = await newcomer({ name: 'Cilla Composite', listedInDirectory: true });
    const blocked = await newcomer({
      name: 'Dan Blocked',
      status: 'blocked',
      listedInDirectory: true,
    });
    const manual = await admin.groups.create({
      name: name('Listed by hand'),
      kind: 'manual',
      memberIds: [listed.id, hidden.id, blocked.id],
    });
    const composite = await admin.groups.create({
      name: name('Union'),
      kind: 'composite',
      memberIds: [inComposite.id],
      groupIds: [manual.id],
    });
    const ids = async (api: Awaited<ReturnType<typeof as>>, id: string) =>
      (await api.groups.members({ id })).items.map((m) => m.id);
    expect(await ids(admin, composite.id)).toEqual([listed.id, hidden.id, inComposite.id]);
    // Smart: whoever matches the rules, found in SQL.
    const smart = await admin.groups.create({
      name: name('By e-mail'),
      kind: 'smart',
      rules: {
        match: 'any',
        rules: [
          { field: 'email', op: 'oneOf', value: [listed.email, hidden.email] },
          { field: 'email', op: 'equals', value: blocked.email },
        ],
      },
    });
    expect(await ids(admin, smart.id)).toEqual([listed.id, hidden.id]);
    // Admins see every member and their e-mail; a manager only those they could see anyway
    // (here: listed in the directory), without the e-mail.
    const page = await admin.groups.members({ id: composite.id, limit: 2 });
    expect(page.items).toEqual([
      { id: listed.id, name: 'Alva Listed', email: listed.email },
      { id: hidden.id, name: 'Bertil Hidden', email: hidden.email },
    ]);
    const next = await admin.groups.members({
      id: composite.id,
      limit: 2,
      cursor: page.nextCursor,
    });
    expect(next).toEqual({
      items: [{ id: inComposite.id, name: 'Cilla Composite', email: inComposite.email }],
      nextCursor: null,
    });
    const manager = await as('folder.manager');
    expect((await manager.groups.members({ id: composite.id })).items).toEqual([
      { id: listed.id, name: 'Alva Listed', email: null },
      { id: inComposite.id, name: 'Cilla Composite', email: null },
    ]);
    // Searching: by name for everyone, by e-mail only where the e-mail may be read.
    expect(await ids(admin, composite.id)).toContain(hidden.id);
    expect(
      (await admin.groups.members({ id: composite.id, search: 'bertil' })).items.map((m) => m.id),
    ).toEqual([hidden.id]);
    expect(
      (await admin.groups.members({ id: composite.id, search: listed.email })).items.map(
        (m) => m.id,
      ),
    ).toEqual([listed.id]);
    expect(
      (await manager.groups.members({ id: composite.id, search: listed.email })).items,
    ).toEqual([]);
    expect((await manager.groups.members({ id: composite.id, search: 'alva' })).items).toHaveLength(
      1,
    );
    expect(
      await refusal(() => admin.groups.members({ id: composite.id, cursor: 'not-a-cursor' })),
    ).toMatchObject({ code: 'BAD_REQUEST', field: 'cursor' });
  });

  it('refuses to delete a group that still restricts projects unless told to detach it', async () => {
    const admin = await as('admin');
    const platformId = fixture.platform.id;
    const member = await newcomer();
    const group = await admin.groups.create({
      name: name('Pilot testers'),
      kind: 'manual',
      memberIds: [member.id],
    });
    const composite = await admin.groups.create({
      name: name('Testers and more'),
      kind: 'composite',
      groupIds: [group.id],
    });
    // Youth council: visible to Young residents and to this group. A new project: to this group
    // alone, and one of its phases lets only this group post.
    const youth = await projectId('youth-council-consultation');
    const pilot = await insertProject(db(), platformId, {
      status: 'published',
      visibleTo: 'groups',
    });
    const phase = await insertPhase(db(), platformId, pilot.id);
    const [setting] = await db()
      .insert(participationSettings)
      .values({ platformId, phaseId: phase.id, action: 'post', permittedBy: 'account' })
      .returning();
    await db()
      .insert(projectVisibilityGroups)
      .values([
        { platformId, projectId: youth, groupId: group.id },
        { platformId, projectId: pilot.id, groupId: group.id },
      ]);
    await db()
      .insert(participationSettingGroups)
      .values({ platformId, settingId: setting!.id, groupId: group.id });
    const tester = () => callerFor(member);
    expect((await (await tester()).projects.get({ id: pilot.id })).id).toBe(pilot.id);

    const refused = await refusal(() => admin.groups.delete({ id: group.id }));
    expect(refused).toMatchObject({ code: 'CONFLICT' });
    expect(refused.message).toMatch(/2 projects/);
    // The demo's Young residents restricts the youth council: the same.
    const young = (await admin.groups.list({ search: 'Young residents' })).items[0]!;
    expect((await refusal(() => admin.groups.delete({ id: young.id }))).message).toMatch(
      /1 project\b/,
    );

    expect(await admin.groups.delete({ id: group.id, detachFromProjects: true })).toEqual({
      id: group.id,
      detachedFromProjectIds: [youth, pilot.id].sort(),
    });
    // Narrowed, never widened: the pilot falls back to admins and managers, its phase to
    // managers; the youth council keeps its other group.
    const visibility = async (id: string) =>
      (await db().select().from(projects).where(eq(projects.id, id)))[0]!.visibleTo;
    expect(await visibility(pilot.id)).toBe('managers');
    expect(await visibility(youth)).toBe('groups');
    const [after] = await db()
      .select()
      .from(participationSettings)
      .where(eq(participationSettings.id, setting!.id));
    expect(after?.permittedBy).toBe('managers');
    await expect((await tester()).projects.get({ id: pilot.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await db().select().from(userGroups).where(eq(userGroups.id, group.id))).toEqual([]);
    expect((await admin.groups.get({ id: composite.id })).groupIds).toEqual([]);
    // Audited: the deletion with the group as it was, and each project changed, in its scope.
    expect(await audits('group.delete', group.id)).toMatchObject([
      {
        before: {
          name: group.name,
          kind: 'manual',
          memberIds: [member.id],
          inCompositeGroupIds: [composite.id],
        },
        after: { detachedFromProjectIds: [youth, pilot.id].sort() },
      },
    ]);
    expect(await audits('group.detach', pilot.id)).toMatchObject([
      {
        projectId: pilot.id,
        before: {
          group: { id: group.id },
          uses: ['visibility', 'participation'],
          visibleTo: 'groups',
          participation: [{ phaseId: phase.id, action: 'post', permittedBy: 'account' }],
        },
        after: {
          group: null,
          visibleTo: 'managers',
          participation: [{ phaseId: phase.id, action: 'post', permittedBy: 'managers' }],
        },
      },
    ]);
    const [youthEntry] = await audits('group.detach', youth);
    expect(youthEntry?.before).toEqual({
      group: { id: group.id, name: group.name },
      uses: ['visibility'],
    });
    // A group nothing uses goes without being told.
    const unused = await admin.groups.create({ name: name('Unused'), kind: 'manual' });
    expect(await admin.groups.delete({ id: unused.id })).toEqual({
      id: unused.id,
      detachedFromProjectIds: [],
    });
  });

  it('lists groups alphabetically by page, by kind and name, in a fixed number of queries', async () => {
    const admin = await as('admin');
    const prefix = name('Zz paging');
    for (const letter of ['c', 'a', 'b']) {
      await admin.groups.create({ name: `${prefix} ${letter}`, kind: 'manual' });
    }
    const first = await admin.groups.list({ search: prefix, limit: 2 });
    const second = await admin.groups.list({ search: prefix, limit: 2, cursor: first.nextCursor });
    expect([...first.items, ...second.items].map((g) => g.name)).toEqual(
      ['a', 'b', 'c'].map((letter) => `${prefix} ${letter}`),
    );
    expect(second.nextCursor).toBeNull();
    // Wildcards are literal.
    expect((await admin.groups.list({ search: '%' })).items).toEqual([]);
    const smart = await admin.groups.list({ kind: 'smart', limit: 100 });
    expect(smart.items.every((g) => g.kind === 'smart')).toBe(true);
    expect(smart.items.map((g) => g.builtIn)).toEqual(
      expect.arrayContaining(['everyone_registered', 'staff']),
    );

    const measure = async () => {
      // Warm: the server caches the platform's smart groups between requests.
      await (await as('admin')).groups.list({ limit: 100 });
      const api = await as('admin');
      queries = 0;
      const page = await api.groups.list({ limit: 100 });
      return { queries, size: page.items.length };
    };
    const before = await measure();
    // More groups of every kind, smart ones with rules that read roles, answers, participation.
    const park = await projectId('a-new-park-by-the-harbour');
    const manual = await admin.groups.create({ name: name('Bulk manual'), kind: 'manual' });
    for (let i = 0; i < 8; i++) {
      await admin.groups.create({
        name: name('Bulk smart'),
        kind: 'smart',
        rules: {
          match: 'any',
          rules: [
            { field: 'role', op: 'equals', value: 'project_manager' },
            { field: 'answer:postcode', op: 'startsWith', value: `${i}` },
            { field: 'participatedIn', op: 'equals', value: park },
          ],
        },
      });
      await admin.groups.create({
        name: name('Bulk composite'),
        kind: 'composite',
        groupIds: [manual.id],
      });
    }
    const after = await measure();
    expect(after.size).toBe(before.size + 17);
    // The caller (one query), the page, and every member count in one statement.
    expect(after.queries).toBe(before.queries);
    expect(after.queries).toBeLessThanOrEqual(3);
  });
});

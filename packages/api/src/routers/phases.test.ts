import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, count, eq } from 'drizzle-orm';
import { actionsOfMethod, participationActions, phaseMethods } from '@samrad/core';
import {
  auditLog,
  participationExtraQuestions,
  participationSettingGroups,
  participationSettings,
  phases,
  projects,
  registrationQuestions,
  userGroups,
} from '@samrad/db';
import { insertPhase, insertPlatform, insertProject, testDatabaseKinds } from '@samrad/db/testing';
import { hashToken } from '../auth/tokens.js';
import { createApiFixture, type ApiFixture } from '../testing/api-fixture.js';
import { auditEntries, codeAndField, refusalOf, rowCounts } from '../testing/refusals.js';

const day = 24 * 60 * 60 * 1000;

/** phases.* through the router, on both engines (SPEC 1, 4.1–4.4, 7). */
describe.each(testDatabaseKinds())('phases and participation settings on %s', (kind) => {
  let fixture: ApiFixture;
  beforeAll(async () => {
    fixture = await createApiFixture(kind);
  });
  afterAll(() => fixture?.close());

  type Caller = Awaited<ReturnType<ApiFixture['as']>>;
  const callers = new Map<string | null, Caller>();
  /** Signing in hashes a password: once per person for the whole file. */
  const as = async (who: string | null) => {
    const known = callers.get(who);
    if (known) return known;
    const caller = await fixture.as(who);
    callers.set(who, caller);
    return caller;
  };
  const db = () => fixture.connection.db;
  const projectId = async (slug: string) =>
    (await db().select().from(projects).where(eq(projects.slug, slug)))[0]!.id;
  const phasesOf = (id: string) =>
    db().select().from(phases).where(eq(phases.projectId, id)).orderBy(asc(phases.startAt));

  /**
   * Each call gets its own five days, far after the demo's phases and 100 days from any other
   * call's, so tests never overlap each other's phases (and may place more within 100 days).
   */
  let slot = 0;
  const period = () => {
    slot += 1;
    const start = Date.now() + (1000 + slot * 100) * day;
    return { startAt: new Date(start), endAt: new Date(start + 5 * day) };
  };
  const iso = (value: { startAt: Date; endAt: Date }) => ({
    startAt: value.startAt.toISOString(),
    endAt: value.endAt.toISOString(),
  });
  const freshPhase = (
    project: string,
    values: Partial<typeof phases.$inferInsert> = {},
  ): Promise<typeof phases.$inferSelect> =>
    insertPhase(db(), fixture.platform.id, project, { ...period(), ...values });

  const counts = () =>
    rowCounts(db(), [
      phases,
      participationSettings,
      participationSettingGroups,
      participationExtraQuestions,
      auditLog,
    ]);
  /** `[code, field]` of a refusal, once checked that it wrote nothing, not even half of itself. */
  const refusal = async (call: () => Promise<unknown>) =>
    codeAndField(await refusalOf(call, counts));
  const auditOf = (action: string, targetId: string) => auditEntries(db(), action, targetId);

  it('lists phases in order, with settings whole for managers and their public part for others', async () => {
    const cycle = await projectId('cycle-lanes-on-storgatan');
    const visitor = await (await as(null)).phases.list({ projectId: cycle });
    expect(visitor.items.map((phase) => phase.title.en)).toEqual([
      'Ideas',
      'Vote on the designs',
      'Construction',
    ]);
    expect(visitor.items[0]!.participation).toEqual([
      {
        action: 'post',
        permittedBy: 'account',
        dataCollection: 'all',
        maxPerPerson: null,
        refusalMessage: null,
      },
      {
        action: 'comment',
        permittedBy: 'account',
        dataCollection: 'all',
        maxPerPerson: null,
        refusalMessage: null,
      },
      {
        action: 'react',
        permittedBy: 'confirmed_email',
        dataCollection: 'all',
        maxPerPerson: null,
        refusalMessage: null,
      },
    ]);
    expect(visitor.items[1]).toMatchObject({ votingMethod: 'multiple', votingMaxChoices: 3 });
    // The moderator runs the project but may not manage its phases: the public part.
    expect(await (await as('moderator')).phases.list({ projectId: cycle })).toEqual(visitor);
    const managed = await (await as('folder.manager')).phases.list({ projectId: cycle });
    expect(managed.items[0]!.participation[0]).toEqual({
      action: 'post',
      enabled: true,
      permittedBy: 'account',
      dataCollection: 'all',
      maxPerPerson: null,
      refusalMessage: null,
      groupIds: [],
      extraQuestionIds: [],
    });

    // A disabled action and the groups restricting one are for managers' eyes only.
    const project = (await insertProject(db(), fixture.platform.id, { status: 'published' })).id;
    const phase = await freshPhase(project);
    const [group] = await db()
      .select()
      .from(userGroups)
      .where(eq(userGroups.name, 'Young residents'));
    const admin = await as('admin');
    await admin.phases.setParticipation({
      phaseId: phase.id,
      action: 'post',
      enabled: true,
      permittedBy: 'account',
      groupIds: [group!.id],
    });
    await admin.phases.setParticipation({
      phaseId: phase.id,
      action: 'comment',
      enabled: false,
      permittedBy: 'account',
    });
    const seen = await (await as('resident')).phases.list({ projectId: project });
    expect(seen.items[0]!.participation).toEqual([
      {
        action: 'post',
        permittedBy: 'account',
        dataCollection: 'all',
        maxPerPerson: null,
        refusalMessage: null,
      },
    ]);
    const all = await admin.phases.list({ projectId: project });
    expect(all.items[0]!.participation).toMatchObject([
      { action: 'post', enabled: true, groupIds: [group!.id] },
      { action: 'comment', enabled: false, groupIds: [] },
    ]);
  });

  it('pages by start time with a keyset cursor', async () => {
    const cycle = await projectId('cycle-lanes-on-storgatan');
    const visitor = await as(null);
    const first = await visitor.phases.list({ projectId: cycle, limit: 2 });
    expect(first.items).toHaveLength(2);
    const second = await visitor.phases.list({
      projectId: cycle,
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(second).toMatchObject({ items: [{ title: { en: 'Construction' } }], nextCursor: null });
    expect(
      await refusal(() => visitor.phases.list({ projectId: cycle, cursor: 'forged' })),
    ).toEqual(['BAD_REQUEST', 'cursor']);
  });

  it('hides a draft’s phases from residents and visitors, not from its managers or preview links (SPEC 3.1)', async () => {
    const bridge = await projectId('harbour-bridge-renovation');
    const [phase] = await phasesOf(bridge);
    const resident = await as('resident');
    expect(await refusal(() => resident.phases.list({ projectId: bridge }))).toEqual([
      'NOT_FOUND',
      'Not found',
    ]);
    expect(await refusal(async () => (await as(null)).phases.list({ projectId: bridge }))).toEqual([
      'NOT_FOUND',
      'Not found',
    ]);
    for (const call of [
      () => resident.phases.update({ id: phase!.id, title: 'Mine' }),
      () => resident.phases.delete({ id: phase!.id }),
      () =>
        resident.phases.setParticipation({
          phaseId: phase!.id,
          action: 'attend',
          enabled: true,
          permittedBy: 'account',
        }),
      () =>
        resident.phases.create({
          projectId: bridge,
          title: 'Mine',
          method: 'information',
          ...iso(period()),
        }),
    ]) {
      expect(await refusal(call)).toEqual(['NOT_FOUND', 'Not found']);
    }
    // The folder manager above sees and changes it.
    expect(
      (await (await as('folder.manager')).phases.list({ projectId: bridge })).items.map(
        (p) => p.id,
      ),
    ).toEqual([phase!.id]);
    // Anyone holding the current preview link sees the phases, and no one else.
    await db()
      .update(projects)
      .set({ previewTokenHash: hashToken('bridge-preview') })
      .where(eq(projects.id, bridge));
    const previewed = await (
      await as(null)
    ).phases.list({ projectId: bridge, previewToken: 'bridge-preview' });
    expect(previewed.items.map((p) => p.id)).toEqual([phase!.id]);
    expect(previewed.items[0]!.participation).toEqual([]);
    expect(
      await refusal(async () =>
        (await as(null)).phases.list({ projectId: bridge, previewToken: 'guessed' }),
      ),
    ).toEqual(['NOT_FOUND', 'Not found']);
  });

  it('lets those who manage the project manage its phases, and refuses everyone else (role × action)', async () => {
    const park = await projectId('a-new-park-by-the-harbour');
    const cycle = await projectId('cycle-lanes-on-storgatan');
    const budget = await projectId('budget-2027-your-priorities');
    const winter = await projectId('staff-pilot-winter-maintenance');
    type Outcome = 'ok' | 'FORBIDDEN' | 'UNAUTHORIZED' | 'NOT_FOUND';
    const grid: [who: string | null, project: string, list: Outcome, manage: Outcome][] = [
      ['admin', park, 'ok', 'ok'],
      ['folder.manager', park, 'ok', 'ok'], // manages Urban development, above the park
      ['project.manager', park, 'ok', 'ok'],
      ['moderator', cycle, 'ok', 'FORBIDDEN'], // moderates, changes no settings
      ['project.manager', cycle, 'ok', 'FORBIDDEN'], // someone else's project
      ['folder.manager', budget, 'ok', 'FORBIDDEN'], // outside their branch
      ['resident', park, 'ok', 'FORBIDDEN'],
      [null, park, 'ok', 'UNAUTHORIZED'],
      ['resident', winter, 'NOT_FOUND', 'NOT_FOUND'], // visible to admins and managers only
    ];
    type Mutation = (caller: Caller, project: string, phase: string) => Promise<unknown>;
    const mutations: Record<string, Mutation> = {
      create: (caller, project) =>
        caller.phases.create({
          projectId: project,
          title: 'Grid',
          method: 'information',
          ...iso(period()),
        }),
      update: (caller, _, phase) => caller.phases.update({ id: phase, title: 'Renamed' }),
      delete: (caller, _, phase) => caller.phases.delete({ id: phase }),
      setParticipation: (caller, _, phase) =>
        caller.phases.setParticipation({
          phaseId: phase,
          action: 'attend',
          enabled: true,
          permittedBy: 'account',
        }),
    };
    for (const [who, project, list, manage] of grid) {
      const caller = await as(who);
      const label = `${who ?? 'visitor'} on ${project}`;
      if (list === 'ok') {
        expect(
          (await caller.phases.list({ projectId: project })).items.length,
          label,
        ).toBeGreaterThan(0);
      } else {
        expect(await refusal(() => caller.phases.list({ projectId: project })), label).toEqual([
          list,
          'Not found',
        ]);
      }
      for (const [name, mutation] of Object.entries(mutations)) {
        if (manage === 'ok') {
          const before = (await db().select({ n: count() }).from(auditLog))[0]!.n;
          await mutation(caller, project, (await freshPhase(project)).id);
          expect(
            (await db().select({ n: count() }).from(auditLog))[0]!.n,
            `${label}: ${name}`,
          ).toBe(before + 1);
        } else {
          const [existing] = await phasesOf(project);
          const [code] = await refusal(() => mutation(caller, project, existing!.id));
          expect(code, `${label}: ${name}`).toBe(manage);
        }
      }
    }
  });

  it('answers alike for a phase that does not exist and one the caller may not see', async () => {
    const [hidden] = await phasesOf(await projectId('staff-pilot-winter-maintenance'));
    const resident = await as('resident');
    const missing = await refusal(() => resident.phases.delete({ id: crypto.randomUUID() }));
    expect(await refusal(() => resident.phases.delete({ id: hidden!.id }))).toEqual(missing);
    // Another platform's phase does not exist here, even for an admin.
    const other = await insertPlatform(db());
    const elsewhere = await insertProject(db(), other.id, { status: 'published' });
    const foreign = await insertPhase(db(), other.id, elsewhere.id);
    const admin = await as('admin');
    expect(await refusal(() => admin.phases.update({ id: foreign.id, title: 'Mine' }))).toEqual(
      missing,
    );
    expect((await refusal(() => admin.phases.list({ projectId: elsewhere.id })))[0]).toBe(
      'NOT_FOUND',
    );
  });

  it('refuses "no sign-in" for every action but survey answers, naming permittedBy (SPEC 4.2)', async () => {
    const project = (await insertProject(db(), fixture.platform.id, { status: 'published' })).id;
    const admin = await as('admin');
    for (const action of participationActions) {
      // Each action in a phase whose method offers it, so nothing but the sign-in mode is wrong.
      const method = phaseMethods.find((m) =>
        (actionsOfMethod[m] as readonly string[]).includes(action),
      )!;
      const phase = await freshPhase(project, {
        method,
        votingMethod: method === 'voting' ? 'single' : null,
      });
      const call = () =>
        admin.phases.setParticipation({
          phaseId: phase.id,
          action,
          enabled: true,
          permittedBy: 'everyone',
        });
      if (action === 'survey') {
        expect(await call()).toMatchObject({ action: 'survey', permittedBy: 'everyone' });
      } else {
        expect(await refusal(call), action).toEqual(['BAD_REQUEST', 'permittedBy']);
      }
    }
  });

  it('refuses settings that do not fit the phase or the platform, naming the field', async () => {
    const project = (await insertProject(db(), fixture.platform.id, { status: 'published' })).id;
    const phase = await freshPhase(project, { method: 'ideation' });
    const admin = await as('admin');
    const base = { phaseId: phase.id, enabled: true, permittedBy: 'account' } as const;
    // SPEC 4.1: an ideation phase takes no votes.
    expect(await refusal(() => admin.phases.setParticipation({ ...base, action: 'vote' }))).toEqual(
      ['BAD_REQUEST', 'action'],
    );
    // SPEC 4.4: a reaction is the person's own; anonymity cannot be promised for it.
    expect(
      await refusal(() =>
        admin.phases.setParticipation({ ...base, action: 'react', dataCollection: 'anonymous' }),
      ),
    ).toEqual(['BAD_REQUEST', 'dataCollection']);
    const other = await insertPlatform(db());
    const [foreignGroup] = await db()
      .insert(userGroups)
      .values({ platformId: other.id, name: 'Theirs', kind: 'manual' })
      .returning();
    expect(
      await refusal(() =>
        admin.phases.setParticipation({ ...base, action: 'post', groupIds: [foreignGroup!.id] }),
      ),
    ).toEqual(['BAD_REQUEST', 'groupIds']);
    const [foreignQuestion] = await db()
      .insert(registrationQuestions)
      .values({ platformId: other.id, key: 'theirs', title: { en: 'Theirs' }, type: 'text' })
      .returning();
    for (const questionId of [foreignQuestion!.id, crypto.randomUUID()]) {
      expect(
        await refusal(() =>
          admin.phases.setParticipation({
            ...base,
            action: 'post',
            extraQuestionIds: [questionId],
          }),
        ),
      ).toEqual(['BAD_REQUEST', 'extraQuestionIds']);
    }
    // Fields not in the contract cannot ride along.
    expect(
      await refusal(() =>
        admin.phases.setParticipation({ ...base, action: 'post', platformId: other.id } as never),
      ),
    ).toEqual(['BAD_REQUEST', 'input']);
  });

  it('records each participation change with what it was before and after (SPEC 7)', async () => {
    const park = await projectId('a-new-park-by-the-harbour');
    const phase = await freshPhase(park, { method: 'ideation' });
    const [group] = await db()
      .select()
      .from(userGroups)
      .where(eq(userGroups.name, 'Young residents'));
    const [question] = await db()
      .select()
      .from(registrationQuestions)
      .where(eq(registrationQuestions.key, 'age_group'));
    const manager = await as('project.manager');
    const first = await manager.phases.setParticipation({
      phaseId: phase.id,
      action: 'post',
      enabled: true,
      permittedBy: 'confirmed_email',
    });
    const second = await manager.phases.setParticipation({
      phaseId: phase.id,
      action: 'post',
      enabled: true,
      permittedBy: 'verified',
      groupIds: [group!.id, group!.id],
      extraQuestionIds: [question!.id],
      dataCollection: 'demographics',
      maxPerPerson: 3,
      refusalMessage: 'Only young residents of Lindvik',
    });
    expect(second).toEqual({
      action: 'post',
      enabled: true,
      permittedBy: 'verified',
      dataCollection: 'demographics',
      maxPerPerson: 3,
      refusalMessage: { en: 'Only young residents of Lindvik' },
      groupIds: [group!.id],
      extraQuestionIds: [question!.id],
    });
    // What is not stated stays as it was; an empty list lifts the restriction.
    const third = await manager.phases.setParticipation({
      phaseId: phase.id,
      action: 'post',
      enabled: false,
      permittedBy: 'verified',
      groupIds: [],
    });
    expect(third).toEqual({ ...second, enabled: false, groupIds: [] });
    const entries = await auditOf('phase.setParticipation', phase.id);
    expect(entries.map((entry) => [entry.before, entry.after])).toEqual([
      [null, first],
      [first, second],
      [second, third],
    ]);
    expect(entries[0]).toMatchObject({ projectId: park, targetType: 'phase' });
    expect(entries[0]!.actorLabel).toContain('project.manager@demo.samrad.local');
  });

  it('creates a phase with the settings its method offers, audited; refuses inconsistent ones', async () => {
    const park = await projectId('a-new-park-by-the-harbour');
    const manager = await as('project.manager');
    const dates = iso(period());
    const created = await manager.phases.create({
      projectId: park,
      title: 'More ideas',
      method: 'ideation',
      ...dates,
    });
    expect(created).toMatchObject({
      projectId: park,
      title: { en: 'More ideas' },
      description: {},
      ...dates,
    });
    expect(created.participation.map((setting) => [setting.action, setting.permittedBy])).toEqual([
      ['post', 'account'],
      ['comment', 'account'],
      ['react', 'account'],
    ]);
    const [entry] = await auditOf('phase.create', created.id);
    expect(entry).toMatchObject({ projectId: park, before: null, after: created });

    const create = (input: Record<string, unknown>) => () =>
      manager.phases.create({
        projectId: park,
        title: 'Bad',
        method: 'information',
        ...iso(period()),
        ...input,
      } as never);
    const { startAt } = iso(period());
    expect(await refusal(create({ startAt, endAt: startAt }))).toEqual(['BAD_REQUEST', 'endAt']);
    expect(await refusal(create({ endAt: '2020-01-01T00:00:00Z' }))).toEqual([
      'BAD_REQUEST',
      'endAt',
    ]);
    expect(await refusal(create({ startAt: 'next week' }))).toEqual(['BAD_REQUEST', 'startAt']);
    expect(await refusal(create({ method: 'voting' }))).toEqual(['BAD_REQUEST', 'votingMethod']);
    expect(await refusal(create({ votingMethod: 'single' }))).toEqual([
      'BAD_REQUEST',
      'votingMethod',
    ]);
    expect(await refusal(create({ method: 'voting', votingMethod: 'budget' }))).toEqual([
      'BAD_REQUEST',
      'votingBudget',
    ]);
    expect(
      await refusal(create({ method: 'voting', votingMethod: 'single', votingMaxChoices: 2 })),
    ).toEqual(['BAD_REQUEST', 'votingMaxChoices']);
    // No mass assignment: the platform and the id are the server's.
    expect(await refusal(create({ platformId: crypto.randomUUID() }))).toEqual([
      'BAD_REQUEST',
      'input',
    ]);
    expect(await refusal(create({ id: crypto.randomUUID() }))).toEqual(['BAD_REQUEST', 'input']);
    const budget = await manager.phases.create({
      projectId: park,
      title: 'Spend it',
      method: 'voting',
      votingMethod: 'budget',
      votingBudget: 50_000,
      ...iso(period()),
    });
    expect(budget).toMatchObject({ votingMethod: 'budget', votingBudget: 50_000 });
    expect(budget.participation.map((setting) => setting.action)).toEqual(['vote']);
  });

  it('keeps a project’s phases from overlapping; touching is fine (SPEC 1, 8)', async () => {
    const park = await projectId('a-new-park-by-the-harbour');
    const admin = await as('admin');
    const { startAt, endAt } = period();
    const middle = await admin.phases.create({
      projectId: park,
      title: 'Middle',
      method: 'information',
      ...iso({ startAt, endAt }),
    });
    const at = (offset: number) => new Date(startAt.getTime() + offset * day).toISOString();
    const create = (from: string, to: string | null) =>
      admin.phases.create({
        projectId: park,
        title: 'Next',
        method: 'information',
        startAt: from,
        endAt: to,
      });
    expect(await refusal(() => create(at(-1), at(1)))).toEqual(['CONFLICT', 'startAt']);
    expect(await refusal(() => create(at(4), null))).toEqual(['CONFLICT', 'startAt']);
    expect(await refusal(() => create(at(-1), at(6)))).toEqual(['CONFLICT', 'startAt']);
    const before = await create(at(-2), at(0));
    const after = await create(at(5), null);
    // Moving a phase into another's period is refused the same way; it may not end before it starts.
    expect(await refusal(() => admin.phases.update({ id: middle.id, endAt: at(6) }))).toEqual([
      'CONFLICT',
      'startAt',
    ]);
    expect(await refusal(() => admin.phases.update({ id: middle.id, endAt: at(-1) }))).toEqual([
      'BAD_REQUEST',
      'endAt',
    ]);
    // An open-ended phase runs forever: nothing may start after it.
    expect(await refusal(() => create(at(50), at(60)))).toEqual(['CONFLICT', 'startAt']);
    await admin.phases.update({ id: after.id, endAt: at(10) });
    await create(at(50), at(60));
    expect((await admin.phases.update({ id: before.id, startAt: at(-3) })).startAt).toBe(at(-3));
  });

  it('updates what may change, audited with the fields before and after; never its project or method', async () => {
    const park = await projectId('a-new-park-by-the-harbour');
    const cycle = await projectId('cycle-lanes-on-storgatan');
    const phase = await freshPhase(park, {
      method: 'voting',
      votingMethod: 'multiple',
      votingMaxChoices: 2,
    });
    const manager = await as('project.manager');
    const updated = await manager.phases.update({
      id: phase.id,
      title: { en: 'Vote', sv: 'Rösta' },
      description: 'Pick up to five',
      votingMaxChoices: 5,
      reverificationDays: 30,
    });
    expect(updated).toMatchObject({
      title: { en: 'Vote', sv: 'Rösta' },
      description: { en: 'Pick up to five' },
      votingMethod: 'multiple',
      votingMaxChoices: 5,
      reverificationDays: 30,
    });
    const [entry] = await auditOf('phase.update', phase.id);
    expect(entry).toMatchObject({
      projectId: park,
      before: {
        title: { en: 'Phase' },
        description: {},
        votingMaxChoices: 2,
        reverificationDays: null,
      },
      after: {
        title: { en: 'Vote', sv: 'Rösta' },
        description: { en: 'Pick up to five' },
        votingMaxChoices: 5,
        reverificationDays: 30,
      },
    });
    // The merged phase must still hold together: budget voting needs its budget.
    expect(
      await refusal(() => manager.phases.update({ id: phase.id, votingMethod: 'budget' })),
    ).toEqual(['BAD_REQUEST', 'votingMaxChoices']);
    expect(
      await refusal(() =>
        manager.phases.update({ id: phase.id, votingMethod: 'budget', votingMaxChoices: null }),
      ),
    ).toEqual(['BAD_REQUEST', 'votingBudget']);
    for (const smuggled of [
      { projectId: cycle },
      { method: 'ideation' },
      { platformId: crypto.randomUUID() },
      {},
    ]) {
      expect(
        await refusal(() => manager.phases.update({ id: phase.id, ...smuggled })),
        JSON.stringify(smuggled),
      ).toEqual(['BAD_REQUEST', 'input']);
    }
    const [row] = await db().select().from(phases).where(eq(phases.id, phase.id));
    expect(row).toMatchObject({
      projectId: park,
      method: 'voting',
      platformId: fixture.platform.id,
    });
  });

  it('deletes a phase with its settings, and the audit entry keeps what it was', async () => {
    const park = await projectId('a-new-park-by-the-harbour');
    const manager = await as('project.manager');
    const created = await manager.phases.create({
      projectId: park,
      title: 'Short-lived',
      method: 'survey',
      ...iso(period()),
    });
    expect(await manager.phases.delete({ id: created.id })).toEqual({ id: created.id });
    expect(await db().select().from(phases).where(eq(phases.id, created.id))).toEqual([]);
    expect(
      await db()
        .select()
        .from(participationSettings)
        .where(eq(participationSettings.phaseId, created.id)),
    ).toEqual([]);
    const [entry] = await auditOf('phase.delete', created.id);
    expect(entry).toMatchObject({ projectId: park, before: created, after: null });
    expect(await refusal(() => manager.phases.delete({ id: created.id }))).toEqual([
      'NOT_FOUND',
      'Not found',
    ]);
  });
});

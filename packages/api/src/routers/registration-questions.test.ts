import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import {
  auditLog,
  participationExtraQuestions,
  participationSettings,
  registrationAnswers,
  registrationQuestions,
  userGroups,
  users,
} from '@samrad/db';
import { insertUser, testDatabaseKinds } from '@samrad/db/testing';
import { createApiFixture, openSessionForTest, type ApiFixture } from '../testing/api-fixture.js';
import {
  auditEntries,
  codeAndField,
  outcomeOf,
  refusalOf,
  rowCounts,
} from '../testing/refusals.js';

type Caller = Awaited<ReturnType<ApiFixture['caller']>>;
/** A call of the role × action grid, made once its target exists. */
type Call = (api: Caller) => Promise<unknown>;
type Who = 'admin' | 'folderManager' | 'projectManager' | 'resident' | 'visitor' | 'pending';

/** registrationQuestions.* through the router, on both engines (SPEC 4.5, 7). */
describe.each(testDatabaseKinds())('registration questions on %s', (kind) => {
  let fixture: ApiFixture;
  beforeAll(async () => {
    fixture = await createApiFixture(kind);
  });
  afterAll(() => fixture?.close());

  const db = () => fixture.connection.db;
  const admin = () => fixture.as('admin');
  let serial = 0;
  /** A key no other test uses. */
  const freshKey = (prefix = 'q') => `${prefix}_${++serial}`;
  const question = async (key: string) =>
    (
      await db()
        .select()
        .from(registrationQuestions)
        .where(
          and(
            eq(registrationQuestions.platformId, fixture.platform.id),
            eq(registrationQuestions.key, key),
          ),
        )
    )[0];
  /** The questions' rows, answers and audit entries: a refusal changes none of them. */
  const counts = async () => [
    ...(await rowCounts(db(), [registrationQuestions, auditLog, registrationAnswers])),
    JSON.stringify(
      await db()
        .select({ id: registrationQuestions.id, updatedAt: registrationQuestions.updatedAt })
        .from(registrationQuestions),
    ),
  ];
  const outcome = (call: () => Promise<unknown>) => outcomeOf(call, counts);
  /** `[code, field]` of a refused call that wrote nothing. */
  const refusal = async (call: () => Promise<unknown>) =>
    codeAndField(await refusalOf(call, counts));
  const auditOf = (action: string, targetId: string) => auditEntries(db(), action, targetId);

  it('answers each kind of person as the policy says (role × action)', async () => {
    const [pending] = await db()
      .select()
      .from(users)
      .where(eq(users.email, 'pending@demo.samrad.local'));
    const people: Record<Who, Caller> = {
      admin: await admin(),
      folderManager: await fixture.as('folder.manager'),
      projectManager: await fixture.as('project.manager'),
      resident: await fixture.as('resident'),
      visitor: await fixture.as(null),
      pending: await fixture.caller(await openSessionForTest(db(), pending!)),
    };
    const editors = {
      admin: 'ok',
      folderManager: 'FORBIDDEN',
      projectManager: 'FORBIDDEN',
      resident: 'FORBIDDEN',
      visitor: 'UNAUTHORIZED',
      pending: 'UNAUTHORIZED',
    };
    const existing = async () =>
      (
        await (
          await admin()
        ).registrationQuestions.create({
          key: freshKey(),
          title: 'Existing',
          type: 'text',
        })
      ).id;
    /** Each row makes what its call needs before the call is counted, fresh for each caller. */
    const grid: [string, () => Call | Promise<Call>, Record<Who, string>][] = [
      [
        'list',
        () => (api) => api.registrationQuestions.list(),
        {
          admin: 'ok',
          folderManager: 'ok',
          projectManager: 'ok',
          resident: 'ok',
          visitor: 'ok',
          pending: 'ok',
        },
      ],
      [
        'create',
        () => {
          const key = freshKey();
          return (api) => api.registrationQuestions.create({ key, title: 'New', type: 'text' });
        },
        editors,
      ],
      [
        'update',
        async () => {
          const id = await existing();
          return (api) => api.registrationQuestions.update({ id, title: 'Changed' });
        },
        editors,
      ],
      [
        'delete',
        async () => {
          const id = await existing();
          return (api) => api.registrationQuestions.delete({ id });
        },
        editors,
      ],
    ];
    const answers: Record<string, Record<string, string>> = {};
    for (const [action, setup, outcomes] of grid) {
      answers[action] = {};
      for (const who of Object.keys(outcomes) as Who[]) {
        const call = await setup();
        answers[action][who] = await outcome(() => call(people[who]));
      }
    }
    expect(answers).toEqual(
      Object.fromEntries(grid.map(([action, , outcomes]) => [action, outcomes])),
    );
  });

  it('shows the sign-up form the enabled questions, and editors the disabled ones too', async () => {
    const api = await admin();
    const hidden = await api.registrationQuestions.create({
      key: freshKey('hidden'),
      title: 'Not asked any more',
      type: 'checkbox',
      enabled: false,
    });
    const publicForm = await (await fixture.as(null)).registrationQuestions.list();
    expect(publicForm.items.map((q) => q.key)).toEqual(
      expect.arrayContaining(['age_group', 'postcode']),
    );
    expect(publicForm.items.every((q) => q.enabled)).toBe(true);
    expect(publicForm.items.map((q) => q.id)).not.toContain(hidden.id);
    expect(publicForm.nextCursor).toBeNull();
    // Folder managers do not edit them (SPEC 2.2), so they see the form as residents do.
    const managers = await (await fixture.as('folder.manager')).registrationQuestions.list();
    expect(managers.items.map((q) => q.id)).not.toContain(hidden.id);
    const all = await api.registrationQuestions.list();
    expect(all.items.find((q) => q.id === hidden.id)).toMatchObject({ enabled: false });
    // API.md's shape; options only on choice questions.
    const [ageGroup] = publicForm.items.filter((q) => q.key === 'age_group');
    expect(ageGroup).toMatchObject({
      title: { en: 'Age group', sv: 'Åldersgrupp' },
      type: 'single',
      required: true,
      enabled: true,
    });
    expect(ageGroup?.options?.map((o) => o.key)).toEqual(['under_18', '18_34', '35_64', '65_plus']);
    expect(publicForm.items.find((q) => q.key === 'postcode')).not.toHaveProperty('options');
  });

  it('creates a question with multilingual texts, audited', async () => {
    const api = await admin();
    const key = freshKey('commute');
    const created = await api.registrationQuestions.create({
      key,
      title: { en: 'How do you commute?', sv: 'Hur pendlar du?' },
      description: 'Pick all that apply',
      type: 'multiple',
      options: [
        { key: 'bus', title: { en: 'Bus', sv: 'Buss' } },
        { key: 'bike', title: 'Bike' },
      ],
      required: true,
    });
    expect(created).toMatchObject({
      key,
      title: { en: 'How do you commute?', sv: 'Hur pendlar du?' },
      // A plain string is in the platform's default language.
      description: { en: 'Pick all that apply' },
      options: [
        { key: 'bus', title: { en: 'Bus', sv: 'Buss' } },
        { key: 'bike', title: { en: 'Bike' } },
      ],
      required: true,
      enabled: true,
    });
    // Asked after the others.
    const positions = (await api.registrationQuestions.list()).items.map((q) => q.position);
    expect(created.position).toBe(Math.max(...positions));
    expect(await auditOf('registrationQuestion.create', created.id)).toEqual([
      expect.objectContaining({ before: null, after: created, targetType: 'registrationQuestion' }),
    ]);
  });

  it('refuses bad questions with BAD_REQUEST naming the field, a taken key with CONFLICT', async () => {
    const api = await admin();
    const cases: [Record<string, unknown>, [string, string]][] = [
      [{ key: freshKey(), title: 'Choice', type: 'single' }, ['BAD_REQUEST', 'options']],
      [
        {
          key: freshKey(),
          title: 'Text',
          type: 'text',
          options: [
            { key: 'a', title: 'A' },
            { key: 'b', title: 'B' },
          ],
        },
        ['BAD_REQUEST', 'options'],
      ],
      [
        {
          key: freshKey(),
          title: 'Twice',
          type: 'single',
          options: [
            { key: 'a', title: 'A' },
            { key: 'a', title: 'B' },
          ],
        },
        ['BAD_REQUEST', 'options.1.key'],
      ],
      [{ key: 'Bad Key', title: 'Key', type: 'text' }, ['BAD_REQUEST', 'key']],
      [{ key: freshKey(), title: '', type: 'text' }, ['BAD_REQUEST', 'title']],
      [{ key: freshKey(), title: { xx: 'Hi' }, type: 'text' }, ['BAD_REQUEST', 'title']],
      [{ key: freshKey(), title: 'Type', type: 'essay' }, ['BAD_REQUEST', 'type']],
      [
        { key: freshKey(), title: 'Elsewhere', type: 'text', platformId: fixture.platform.id },
        ['BAD_REQUEST', 'input'],
      ],
      // The demo city's question.
      [{ key: 'postcode', title: 'Again', type: 'text' }, ['CONFLICT', 'key']],
    ];
    for (const [input, expected] of cases) {
      expect(
        await refusal(() => api.registrationQuestions.create(input as never)),
        JSON.stringify(input),
      ).toEqual(expected);
    }
  });

  it('updates a question, audited with before and after; key and type stay', async () => {
    const api = await admin();
    const created = await api.registrationQuestions.create({
      key: freshKey('transport'),
      title: 'Transport',
      type: 'single',
      options: [
        { key: 'bus', title: 'Bus' },
        { key: 'car', title: 'Car' },
        { key: 'walk', title: 'Walk' },
      ],
    });
    const updated = await api.registrationQuestions.update({
      id: created.id,
      title: { en: 'Transport', da: 'Transport' },
      required: true,
      // `walk` is used by nobody: it may go; `bike` is new.
      options: [
        { key: 'bus', title: 'Bus' },
        { key: 'car', title: 'Car' },
        { key: 'bike', title: 'Bike' },
      ],
    });
    expect(updated).toMatchObject({
      key: created.key,
      type: 'single',
      required: true,
      title: { en: 'Transport', da: 'Transport' },
    });
    expect(updated.options?.map((o) => o.key)).toEqual(['bus', 'car', 'bike']);
    expect(await auditOf('registrationQuestion.update', created.id)).toEqual([
      expect.objectContaining({ before: created, after: updated }),
    ]);

    // An option someone answered, or a smart group tests, stays.
    const resident = await insertUser(db(), fixture.platform.id);
    await db().insert(registrationAnswers).values({
      platformId: fixture.platform.id,
      userId: resident.id,
      questionId: created.id,
      value: 'bus',
    });
    await db()
      .insert(userGroups)
      .values({
        platformId: fixture.platform.id,
        name: `Drivers ${created.key}`,
        kind: 'smart',
        rules: {
          match: 'any',
          rules: [{ field: `answer:${created.key}`, op: 'oneOf', value: ['car'] }],
        },
      });
    const keep = (keys: string[]) =>
      api.registrationQuestions.update({
        id: created.id,
        options: keys.map((key) => ({ key, title: key })),
      });
    expect(await refusal(() => keep(['car', 'bike']))).toEqual(['CONFLICT', 'options']);
    expect(await refusal(() => keep(['bus', 'bike']))).toEqual(['CONFLICT', 'options']);
    expect((await keep(['bus', 'car'])).options?.map((o) => o.key)).toEqual(['bus', 'car']);

    const text = await api.registrationQuestions.create({
      key: freshKey(),
      title: 'T',
      type: 'text',
    });
    const bad: [Record<string, unknown>, [string, string]][] = [
      [
        {
          id: text.id,
          options: [
            { key: 'a', title: 'A' },
            { key: 'b', title: 'B' },
          ],
        },
        ['BAD_REQUEST', 'options'],
      ],
      [{ id: text.id, key: 'renamed' }, ['BAD_REQUEST', 'input']],
      [{ id: text.id, type: 'number' }, ['BAD_REQUEST', 'input']],
      [{ id: text.id }, ['BAD_REQUEST', 'input']],
      [
        { id: '00000000-0000-4000-8000-000000000000', title: 'Gone' },
        ['NOT_FOUND', expect.any(String)],
      ],
    ];
    for (const [input, expected] of bad) {
      expect(
        await refusal(() => api.registrationQuestions.update(input as never)),
        JSON.stringify(input),
      ).toEqual(expected);
    }
  });

  it('deletes an unused question with its answers; one still in use only disables (CONFLICT)', async () => {
    const api = await admin();
    const make = async () =>
      api.registrationQuestions.create({ key: freshKey('d'), title: 'To delete', type: 'text' });

    // Unused: deleted with its answers, audited with what it was.
    const unused = await make();
    const person = await insertUser(db(), fixture.platform.id);
    await db().insert(registrationAnswers).values({
      platformId: fixture.platform.id,
      userId: person.id,
      questionId: unused.id,
      value: 'something',
    });
    expect(await api.registrationQuestions.delete({ id: unused.id })).toEqual({ ok: true });
    expect(await question(unused.key)).toBeUndefined();
    expect(
      await db()
        .select()
        .from(registrationAnswers)
        .where(eq(registrationAnswers.questionId, unused.id)),
    ).toEqual([]);
    expect(await auditOf('registrationQuestion.delete', unused.id)).toEqual([
      expect.objectContaining({ before: unused, after: null }),
    ]);

    // Asked by a phase as an extra question.
    const asked = await make();
    const [setting] = await db().select().from(participationSettings).limit(1);
    await db()
      .insert(participationExtraQuestions)
      .values({ platformId: fixture.platform.id, settingId: setting!.id, questionId: asked.id });
    expect(await refusal(() => api.registrationQuestions.delete({ id: asked.id }))).toEqual([
      'CONFLICT',
      'id',
    ]);

    // Tested by smart-group rules.
    const tested = await make();
    await db()
      .insert(userGroups)
      .values({
        platformId: fixture.platform.id,
        name: `Answered ${tested.key}`,
        kind: 'smart',
        rules: { match: 'all', rules: [{ field: `answer:${tested.key}`, op: 'notEmpty' }] },
      });
    expect(await refusal(() => api.registrationQuestions.delete({ id: tested.id }))).toEqual([
      'CONFLICT',
      'id',
    ]);
    // Disabling is the way out, and keeps both working.
    for (const used of [asked, tested]) {
      expect(await api.registrationQuestions.update({ id: used.id, enabled: false })).toMatchObject(
        { enabled: false },
      );
      expect(await question(used.key)).toBeDefined();
    }
    expect(
      await refusal(() =>
        api.registrationQuestions.delete({ id: '00000000-0000-4000-8000-000000000000' }),
      ),
    ).toEqual(['NOT_FOUND', expect.any(String)]);
  });
});

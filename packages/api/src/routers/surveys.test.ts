import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { surveyResponses } from '@samrad/db';
import { testDatabaseKinds } from '@samrad/db/testing';
import { createApiFixture, type ApiFixture } from '../testing/api-fixture.js';
import { errorOf } from '../testing/refusals.js';

type Caller = Awaited<ReturnType<ApiFixture['caller']>>;

/** Surveys (SPEC 4.1, 4.2, 2.3) through the router, on both engines. */
describe.each(testDatabaseKinds())('surveys on %s', (kind) => {
  let f: ApiFixture;
  let admin: Caller;
  let resident: Caller;

  beforeAll(async () => {
    f = await createApiFixture(kind);
    admin = await f.as('admin');
    resident = await f.as('resident');
    await resident.users.updateProfile({ answers: { age_group: '35_64' } });
  });
  afterAll(() => f?.close());

  async function surveyPhase(permittedBy: 'account' | 'everyone') {
    const project = await admin.projects.create({ title: `Survey ${Math.random()}` });
    await admin.projects.setStatus({ id: project.id, status: 'published' });
    const phase = await admin.phases.create({
      projectId: project.id,
      title: 'Survey',
      method: 'survey',
      startAt: new Date(Date.now() - 86_400_000).toISOString(),
    });
    await admin.phases.setParticipation({
      phaseId: phase.id,
      action: 'survey',
      enabled: true,
      permittedBy,
    });
    await admin.surveys.setQuestions({
      phaseId: phase.id,
      questions: [
        { key: 'why', title: 'Why?', type: 'text', required: true },
        {
          key: 'mode',
          title: 'How do you travel?',
          type: 'single',
          options: [
            { key: 'bus', title: 'Bus' },
            { key: 'bike', title: 'Bike' },
          ],
        },
        { key: 'score', title: 'How good?', type: 'scale', scaleMin: 1, scaleMax: 5 },
      ],
    });
    return phase.id;
  }

  it('is set up by the phase’s managers only, and read by whoever sees the project', async () => {
    const phaseId = await surveyPhase('account');
    const refused = await errorOf(
      resident.surveys.setQuestions({
        phaseId,
        questions: [{ key: 'x', title: 'X', type: 'text' }],
      }),
    );
    expect(refused.code).toBe('FORBIDDEN');
    const survey = await (await f.caller()).surveys.get({ phaseId });
    expect(survey.questions.map((q) => q.key)).toEqual(['why', 'mode', 'score']);
    expect(survey.questions[1]!.options?.map((o) => o.key)).toEqual(['bus', 'bike']);
    expect(survey.duplicatesPossible).toBe(false);
  });

  it('checks answers against the questions, and takes one response per signed-in person', async () => {
    const phaseId = await surveyPhase('account');
    const missing = await errorOf(resident.surveys.submit({ phaseId, answers: { mode: 'bus' } }));
    expect([missing.code, missing.field]).toEqual(['BAD_REQUEST', 'answers.why']);
    const outOfScale = await errorOf(
      resident.surveys.submit({ phaseId, answers: { why: 'x', score: 9 } }),
    );
    expect(outOfScale.field).toBe('answers.score');
    const { responseId } = await resident.surveys.submit({
      phaseId,
      answers: { why: 'Faster', mode: 'bike', score: 4 },
    });
    expect(responseId).toMatch(/^[0-9a-f-]{36}$/);
    const again = await errorOf(resident.surveys.submit({ phaseId, answers: { why: 'Again' } }));
    expect([again.code, again.reason]).toEqual(['FORBIDDEN', 'already_done']);
    expect((await resident.participation.abilities({ phaseId })).survey).toMatchObject({
      allowed: false,
      reason: 'already_done',
    });
    // Answered: the questions stay.
    const locked = await errorOf(
      admin.surveys.setQuestions({
        phaseId,
        questions: [{ key: 'new', title: 'New', type: 'text' }],
      }),
    );
    expect(locked.code).toBe('CONFLICT');
  });

  it('without sign-in, takes every visitor’s response under its own id, and warns of duplicates (SPEC 4.2)', async () => {
    const phaseId = await surveyPhase('everyone');
    const visitor = await f.caller();
    const first = await visitor.surveys.submit({ phaseId, answers: { why: 'One' } });
    const second = await visitor.surveys.submit({ phaseId, answers: { why: 'One' } });
    expect(first.responseId).not.toBe(second.responseId);
    expect((await admin.surveys.get({ phaseId })).duplicatesPossible).toBe(true);
    const rows = await f.connection.db
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.phaseId, phaseId));
    expect(rows.every((r) => r.authorId === null && r.demographics === null)).toBe(true);
  });

  it('lets managers answer again and again in test mode, kept apart from results (SPEC 2.3)', async () => {
    const phaseId = await surveyPhase('account');
    for (let i = 0; i < 3; i++)
      await admin.surveys.submit({ phaseId, answers: { why: `Test ${i}` } });
    const rows = await f.connection.db
      .select({ isTest: surveyResponses.isTest })
      .from(surveyResponses)
      .where(eq(surveyResponses.phaseId, phaseId));
    expect(rows).toEqual([{ isTest: true }, { isTest: true }, { isTest: true }]);
  });

  it('counts results in SQL for those with the project’s insights, test responses left out', async () => {
    const phaseId = await surveyPhase('everyone');
    const visitor = await f.caller();
    const responses: Record<string, string | number>[] = [
      { why: 'Faster', mode: 'bike', score: 5 },
      { why: 'Faster', mode: 'bike', score: 3 },
      { why: 'Cheaper', mode: 'bus' },
    ];
    for (const answers of responses) {
      await visitor.surveys.submit({ phaseId, answers });
    }
    await admin.surveys.submit({ phaseId, answers: { why: 'Test', mode: 'bus', score: 1 } });
    const results = await admin.surveys.results({ phaseId });
    expect(results.responses).toBe(3);
    const [why, mode, score] = results.questions;
    expect(why).toMatchObject({
      key: 'why',
      answered: 3,
      options: null,
      values: [
        { value: 'Faster', count: 2 },
        { value: 'Cheaper', count: 1 },
      ],
      mean: null,
    });
    expect(mode).toMatchObject({
      answered: 3,
      options: [
        { key: 'bus', count: 1 },
        { key: 'bike', count: 2 },
      ],
      values: null,
    });
    expect(score).toMatchObject({ answered: 2, mean: 4 });
    expect(score!.values).toEqual([
      { value: 3, count: 1 },
      { value: 5, count: 1 },
    ]);
    const refused = await errorOf(resident.surveys.results({ phaseId }));
    expect(refused.code).toBe('FORBIDDEN');
    const elsewhere = await errorOf(admin.polls.results({ phaseId }));
    expect([elsewhere.code, elsewhere.field]).toEqual(['BAD_REQUEST', 'phaseId']);
  });
});

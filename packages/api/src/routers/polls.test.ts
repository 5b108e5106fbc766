import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '@samrad/db/testing';
import { createApiFixture, type ApiFixture } from '../testing/api-fixture.js';
import { errorOf } from '../testing/refusals.js';

type Caller = Awaited<ReturnType<ApiFixture['caller']>>;

/** Polls (SPEC 4.1 *take the poll*) through the router, on both engines. */
describe.each(testDatabaseKinds())('polls on %s', (kind) => {
  let f: ApiFixture;
  let admin: Caller;

  beforeAll(async () => {
    f = await createApiFixture(kind);
    admin = await f.as('admin');
  });
  afterAll(() => f?.close());

  async function pollPhase() {
    const project = await admin.projects.create({ title: `Poll ${Math.random()}` });
    await admin.projects.setStatus({ id: project.id, status: 'published' });
    const phase = await admin.phases.create({
      projectId: project.id,
      title: 'Poll',
      method: 'poll',
      startAt: new Date(Date.now() - 86_400_000).toISOString(),
    });
    await admin.polls.setQuestions({
      phaseId: phase.id,
      questions: [
        {
          key: 'square',
          title: 'What should the square become?',
          type: 'single',
          required: true,
          options: [
            { key: 'park', title: 'A park' },
            { key: 'market', title: 'A market' },
          ],
        },
        {
          key: 'extras',
          title: 'What else?',
          type: 'multiple',
          options: [
            { key: 'benches', title: 'Benches' },
            { key: 'trees', title: 'Trees' },
            { key: 'lights', title: 'Lights' },
          ],
        },
      ],
    });
    return phase.id;
  }

  it('asks choice questions only, set by the phase’s managers on a poll phase', async () => {
    const phaseId = await pollPhase();
    const text = await errorOf(
      admin.polls.setQuestions({
        phaseId,
        questions: [{ key: 'why', title: 'Why?', type: 'text' }],
      }),
    );
    expect([text.code, text.field]).toEqual(['BAD_REQUEST', 'questions.0.type']);
    const { caller: resident } = await f.resident();
    const notManager = await errorOf(
      resident.polls.setQuestions({
        phaseId,
        questions: [
          {
            key: 'x',
            title: 'X',
            type: 'single',
            options: [
              { key: 'a', title: 'A' },
              { key: 'b', title: 'B' },
            ],
          },
        ],
      }),
    );
    expect(notManager.code).toBe('FORBIDDEN');
    const poll = await (await f.caller()).polls.get({ phaseId });
    expect(poll.questions.map((q) => [q.key, q.type])).toEqual([
      ['square', 'single'],
      ['extras', 'multiple'],
    ]);
    // A poll is not a survey: neither procedure set serves the other's phase.
    expect((await errorOf(admin.surveys.get({ phaseId }))).field).toBe('phaseId');
  });

  it('is taken once per person, and counted per option for those with insights', async () => {
    const phaseId = await pollPhase();
    const residents = await Promise.all([1, 2, 3].map(() => f.resident()));
    const ballots: Record<string, string | string[]>[] = [
      { square: 'park', extras: ['benches', 'trees'] },
      { square: 'park', extras: ['trees'] },
      { square: 'market' },
    ];
    for (const [i, answers] of ballots.entries()) {
      const { responseId } = await residents[i]!.caller.polls.submit({ phaseId, answers });
      expect(responseId).toMatch(/^[0-9a-f-]{36}$/);
    }
    const me = residents[0]!.caller;
    const again = await errorOf(me.polls.submit({ phaseId, answers: { square: 'market' } }));
    expect([again.code, again.reason]).toEqual(['FORBIDDEN', 'already_done']);
    expect((await me.participation.abilities({ phaseId })).poll).toMatchObject({
      allowed: false,
      reason: 'already_done',
    });
    // The survey action is not this phase's: refused with the policy's reason.
    const asSurvey = await errorOf(me.surveys.submit({ phaseId, answers: { square: 'park' } }));
    expect([asSurvey.code, asSurvey.reason]).toEqual(['FORBIDDEN', 'action_not_enabled']);
    const invalid = await errorOf(
      residents[1]!.caller.polls.submit({ phaseId, answers: { square: 'zoo' } }),
    );
    expect(invalid.code).toBe('FORBIDDEN'); // answered already: the decision comes first

    const results = await admin.polls.results({ phaseId });
    expect(results.responses).toBe(3);
    expect(results.questions).toMatchObject([
      {
        key: 'square',
        answered: 3,
        options: [
          { key: 'park', count: 2 },
          { key: 'market', count: 1 },
        ],
      },
      {
        key: 'extras',
        answered: 2,
        options: [
          { key: 'benches', count: 1 },
          { key: 'trees', count: 2 },
          { key: 'lights', count: 0 },
        ],
      },
    ]);
    expect((await errorOf(me.polls.results({ phaseId }))).code).toBe('FORBIDDEN');
  });

  it('checks a new respondent’s answers against the questions, naming the field', async () => {
    const phaseId = await pollPhase();
    const { caller } = await f.resident();
    const wrong = await errorOf(caller.polls.submit({ phaseId, answers: { square: 'zoo' } }));
    expect([wrong.code, wrong.field]).toEqual(['BAD_REQUEST', 'answers.square']);
    const missing = await errorOf(caller.polls.submit({ phaseId, answers: { extras: ['trees'] } }));
    expect(missing.field).toBe('answers.square');
    // Refused answers counted nothing: the resident still takes the poll.
    await caller.polls.submit({ phaseId, answers: { square: 'market' } });
  });
});

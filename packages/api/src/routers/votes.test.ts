import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { DataCollection } from '@samrad/core';
import { testDatabaseKinds } from '@samrad/db/testing';
import { createApiFixture, type ApiFixture } from '../testing/api-fixture.js';
import { errorOf } from '../testing/refusals.js';

type Caller = Awaited<ReturnType<ApiFixture['caller']>>;
const day = 86_400_000;

/** Voting (SPEC 4.1) through the router, on both engines: ballots, methods, and many voters at once. */
describe.each(testDatabaseKinds())('votes on %s', (kind) => {
  let f: ApiFixture;
  let admin: Caller;

  beforeAll(async () => {
    f = await createApiFixture(kind);
    admin = await f.as('admin');
  });
  afterAll(() => f?.close());

  const voter = async () => (await f.resident()).caller;

  /** A published project with three ideas (posted by the admin) and an open voting phase. */
  async function votingPhase(
    method: 'single' | 'multiple' | 'budget',
    dataCollection: DataCollection = 'all',
  ) {
    const project = await admin.projects.create({ title: `Vote ${Math.random()}` });
    await admin.projects.setStatus({ id: project.id, status: 'published' });
    const ideas = await admin.phases.create({
      projectId: project.id,
      title: 'Ideas',
      method: 'ideation',
      startAt: new Date(Date.now() - 3 * day).toISOString(),
      endAt: new Date(Date.now() - 2 * day).toISOString(),
    });
    await admin.phases.setParticipation({
      phaseId: ideas.id,
      action: 'post',
      enabled: true,
      permittedBy: 'account',
    });
    const inputIds: string[] = [];
    for (const title of ['Park', 'Library', 'Bike lanes']) {
      inputIds.push((await admin.inputs.create({ phaseId: ideas.id, title, body: title })).id);
    }
    const phase = await admin.phases.create({
      projectId: project.id,
      title: 'Vote',
      method: 'voting',
      votingMethod: method,
      ...(method === 'multiple' ? { votingMaxChoices: 2 } : {}),
      ...(method === 'budget' ? { votingBudget: 100 } : {}),
      startAt: new Date(Date.now() - day).toISOString(),
    });
    await admin.phases.setParticipation({
      phaseId: phase.id,
      action: 'vote',
      enabled: true,
      permittedBy: 'account',
      dataCollection,
    });
    return { phaseId: phase.id, inputIds };
  }

  it('takes a ballot of the phase’s method, and refuses one that does not fit, naming the field', async () => {
    const single = await votingPhase('single');
    const me = await voter();
    const tooMany = await errorOf(
      me.votes.cast({ phaseId: single.phaseId, inputIds: single.inputIds }),
    );
    expect([tooMany.code, tooMany.field]).toEqual(['BAD_REQUEST', 'inputIds']);
    const foreign = await votingPhase('single');
    const wrong = await errorOf(
      me.votes.cast({ phaseId: single.phaseId, inputIds: [foreign.inputIds[0]!] }),
    );
    expect([wrong.code, wrong.field]).toEqual(['BAD_REQUEST', 'inputIds']);
    await me.votes.cast({ phaseId: single.phaseId, inputIds: [single.inputIds[0]!] });

    const multiple = await votingPhase('multiple');
    expect(
      (await errorOf(me.votes.cast({ phaseId: multiple.phaseId, inputIds: multiple.inputIds })))
        .field,
    ).toBe('inputIds');
    await me.votes.cast({ phaseId: multiple.phaseId, inputIds: multiple.inputIds.slice(0, 2) });

    const budget = await votingPhase('budget');
    const over = await errorOf(
      me.votes.cast({
        phaseId: budget.phaseId,
        allocations: [
          { inputId: budget.inputIds[0]!, amount: 60 },
          { inputId: budget.inputIds[1]!, amount: 50 },
        ],
      }),
    );
    expect([over.code, over.field]).toEqual(['BAD_REQUEST', 'allocations']);
    await me.votes.cast({
      phaseId: budget.phaseId,
      allocations: [
        { inputId: budget.inputIds[0]!, amount: 60 },
        { inputId: budget.inputIds[1]!, amount: 40 },
      ],
    });
    const results = await admin.votes.results({ phaseId: budget.phaseId });
    expect(results.ballots).toBe(1);
    const byTitle = Object.fromEntries(results.items.map((i) => [i.title, i.amount]));
    expect(byTitle).toEqual({ Park: 60, Library: 40 });
    expect((await errorOf(me.votes.results({ phaseId: budget.phaseId }))).code).toBe('FORBIDDEN');
  });

  it('replaces a ballot until the phase ends; an anonymous ballot is cast once', async () => {
    const open = await votingPhase('single');
    const me = await voter();
    await me.votes.cast({ phaseId: open.phaseId, inputIds: [open.inputIds[0]!] });
    await me.votes.cast({ phaseId: open.phaseId, inputIds: [open.inputIds[1]!] });
    const results = await admin.votes.results({ phaseId: open.phaseId });
    expect(results.ballots).toBe(1);
    expect(results.items.map((i) => i.inputId)).toEqual([open.inputIds[1]]);

    const secret = await votingPhase('single', 'anonymous');
    await me.votes.cast({ phaseId: secret.phaseId, inputIds: [secret.inputIds[0]!] });
    const again = await errorOf(
      me.votes.cast({ phaseId: secret.phaseId, inputIds: [secret.inputIds[1]!] }),
    );
    expect([again.code, again.reason]).toEqual(['FORBIDDEN', 'already_done']);
    const stored = await f.connection.db.execute(
      sql`select author_id, demographics from votes where phase_id = ${secret.phaseId}`,
    );
    const rows = (Array.isArray(stored) ? stored : (stored as { rows: unknown[] }).rows) as {
      author_id: string | null;
      demographics: unknown;
    }[];
    expect(rows).toEqual([{ author_id: null, demographics: null }]);
  });

  it('counts many voters at once exactly, and one voter’s racing ballots as one', async () => {
    for (const dataCollection of ['all', 'anonymous'] as const) {
      const { phaseId, inputIds } = await votingPhase('single', dataCollection);
      const voters = await Promise.all(Array.from({ length: 40 }, () => voter()));
      const cast = voters.map((_, i) => inputIds[i % 3]!);
      await Promise.all(voters.map((v, i) => v.votes.cast({ phaseId, inputIds: [cast[i]!] })));
      // One more voter sends ten ballots at once: one ballot stands.
      const eager = await voter();
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          eager.votes.cast({ phaseId, inputIds: [inputIds[i % 3]!] }).then(
            () => 'ok',
            (error: { cause?: { reason?: string }; message: string }) =>
              error.cause?.reason ?? error.message,
          ),
        ),
      );
      const results = await admin.votes.results({ phaseId });
      expect(results.ballots, dataCollection).toBe(41);
      const expected = new Map(inputIds.map((id) => [id, cast.filter((c) => c === id).length]));
      const total = results.items.reduce((sum, i) => sum + i.votes, 0);
      expect(total, dataCollection).toBe(41);
      for (const item of results.items) {
        const extra = item.votes - (expected.get(item.inputId) ?? 0);
        expect([0, 1], dataCollection).toContain(extra);
      }
      if (dataCollection === 'anonymous') {
        expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
        expect(outcomes.filter((o) => o !== 'ok').every((o) => o === 'already_done')).toBe(true);
      } else {
        expect(outcomes.every((o) => o === 'ok')).toBe(true);
      }
    }
  }, 120_000);
});

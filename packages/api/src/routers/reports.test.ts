import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { reportsToHide } from '@samrad/core';
import { inputs, reports } from '@samrad/db';
import { testDatabaseKinds } from '@samrad/db/testing';
import { createApiFixture, type ApiFixture } from '../testing/api-fixture.js';
import { errorOf } from '../testing/refusals.js';

type Caller = Awaited<ReturnType<ApiFixture['caller']>>;

/** Residents report inputs; enough reports hide one until a moderator decides (SPEC 4). */
describe.each(testDatabaseKinds())('reports on %s', (kind) => {
  let f: ApiFixture;
  let admin: Caller;

  beforeAll(async () => {
    f = await createApiFixture(kind);
    admin = await f.as('admin');
  });
  afterAll(() => f?.close());

  async function postedInput() {
    const { projectId, phaseId } = await f.openPhase('ideation', {
      action: 'post',
      permittedBy: 'account',
    });
    const { caller: author } = await f.resident();
    const input = await author.inputs.create({ phaseId, title: 'Loud', body: 'Text' });
    return { projectId, phaseId, inputId: input.id };
  }

  const listedTo = async (caller: Caller, phaseId: string) =>
    (await caller.inputs.list({ phaseId })).items.map((item) => [item.id, item.hidden]);

  it(`hides an input from residents once ${reportsToHide} different people report it, not from its managers`, async () => {
    const { projectId, phaseId, inputId } = await postedInput();
    const people = await Promise.all(
      Array.from({ length: reportsToHide }, async () => (await f.resident()).caller),
    );
    // The same person reporting again is still one person.
    for (const person of [people[0]!, people[0]!, ...people.slice(1, -1)]) {
      expect(await person.inputs.report({ id: inputId, reason: 'Rude' })).toEqual({
        reported: true,
        hidden: false,
      });
    }
    const visitor = await f.caller();
    expect(await listedTo(visitor, phaseId)).toEqual([[inputId, false]]);

    expect(await people.at(-1)!.inputs.report({ id: inputId, reason: 'Spam' })).toEqual({
      reported: true,
      hidden: true,
    });
    expect(await listedTo(visitor, phaseId)).toEqual([]);
    expect(await listedTo(people[0]!, phaseId)).toEqual([]);
    expect((await errorOf(visitor.inputs.get({ id: inputId }))).code).toBe('NOT_FOUND');
    expect(await listedTo(admin, phaseId)).toEqual([[inputId, true]]);

    const open = await admin.inputs.reports({ projectId });
    expect(open.items.map((report) => report.reason).sort()).toEqual(
      [...Array<string>(reportsToHide - 1).fill('Rude'), 'Spam'].sort(),
    );
    expect(open.items.every((r) => r.inputId === inputId && r.hidden && !r.comment)).toBe(true);
    expect((await errorOf(people[0]!.inputs.reports({ projectId }))).code).toBe('FORBIDDEN');
  });

  it('settles the reports when a moderator decides: shown again, old reports count no more', async () => {
    const { projectId, phaseId, inputId } = await postedInput();
    for (let i = 0; i < reportsToHide; i++) {
      await (await f.resident()).caller.inputs.report({ id: inputId, reason: 'Off topic' });
    }
    await admin.inputs.moderate({ id: inputId, hidden: false });
    expect((await admin.inputs.reports({ projectId })).items).toEqual([]);
    const { caller: another } = await f.resident();
    expect(await another.inputs.report({ id: inputId, reason: 'Again' })).toEqual({
      reported: true,
      hidden: false,
    });
    expect(await listedTo(await f.caller(), phaseId)).toEqual([[inputId, false]]);
  });

  it('takes reports racing each other one at a time, each counted once', async () => {
    const { phaseId, inputId } = await postedInput();
    const people = await Promise.all(
      Array.from({ length: 6 }, async () => (await f.resident()).caller),
    );
    const answers = await Promise.allSettled(
      people.map((person) => person.inputs.report({ id: inputId, reason: 'Spam' })),
    );
    // Those that came after it was hidden no longer find it; none failed otherwise.
    const taken = answers.filter((answer) => answer.status === 'fulfilled');
    for (const answer of answers) {
      if (answer.status === 'rejected') {
        expect((answer.reason as { code?: string }).code).toBe('NOT_FOUND');
      }
    }
    expect(taken.length).toBeGreaterThanOrEqual(reportsToHide);
    const rows = await f.connection.db.select().from(reports).where(eq(reports.inputId, inputId));
    expect(rows).toHaveLength(taken.length);
    // Hidden by the report that made it 3, counted after the lock, not by a stale count.
    const [input] = await f.connection.db
      .select({ moderation: inputs.moderation, reason: inputs.moderationReason })
      .from(inputs)
      .where(eq(inputs.id, inputId));
    expect(input).toEqual({ moderation: 'hidden', reason: `reported by ${reportsToHide} people` });
    expect(await listedTo(await f.caller(), phaseId)).toEqual([]);
  });

  it('is for signed-in people who can read the input, with a reason', async () => {
    const { inputId } = await postedInput();
    const anonymous = await errorOf(
      (await f.caller()).inputs.report({ id: inputId, reason: 'Rude' }),
    );
    expect(anonymous.code).toBe('UNAUTHORIZED');
    const { caller } = await f.resident();
    const blank = await errorOf(caller.inputs.report({ id: inputId, reason: ' ' }));
    expect([blank.code, blank.field]).toEqual(['BAD_REQUEST', 'reason']);
    const missing = await errorOf(
      caller.inputs.report({ id: crypto.randomUUID(), reason: 'Rude' }),
    );
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('hides a comment the same way, listed with its input for the moderators', async () => {
    const { projectId, phaseId, inputId } = await postedInput();
    await admin.phases.setParticipation({
      phaseId,
      action: 'comment',
      enabled: true,
      permittedBy: 'account',
    });
    const { caller: commenter } = await f.resident();
    const comment = await commenter.comments.create({ inputId, body: 'Buy cheap bikes here' });
    const answers = [];
    for (let i = 0; i < reportsToHide; i++) {
      answers.push(
        await (await f.resident()).caller.comments.report({ id: comment.id, reason: 'Spam' }),
      );
    }
    expect(answers.map((answer) => answer.hidden)).toEqual([
      ...Array<boolean>(reportsToHide - 1).fill(false),
      true,
    ]);
    const visitor = await f.caller();
    expect((await visitor.comments.list({ inputId })).items).toEqual([]);
    // The input itself stays: only the comment was reported.
    expect(await listedTo(visitor, phaseId)).toEqual([[inputId, false]]);
    const open = await admin.inputs.reports({ projectId });
    expect(open.items.map((r) => [r.inputId, r.comment?.id, r.hidden])).toEqual(
      Array.from({ length: reportsToHide }, () => [inputId, comment.id, true]),
    );
    // Hidden, it is not there to report any more; shown again by a moderator, its reports settle.
    const { caller: late } = await f.resident();
    expect((await errorOf(late.comments.report({ id: comment.id, reason: 'Spam' }))).code).toBe(
      'NOT_FOUND',
    );
    await admin.comments.moderate({ id: comment.id, hidden: false });
    expect((await admin.inputs.reports({ projectId })).items).toEqual([]);
    expect((await visitor.comments.list({ inputId })).items.map((c) => c.id)).toEqual([comment.id]);
  });
});

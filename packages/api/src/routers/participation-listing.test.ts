import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { testDatabaseKinds } from '@samrad/db/testing';
import { createApiFixture, type ApiFixture } from '../testing/api-fixture.js';

type Caller = Awaited<ReturnType<ApiFixture['caller']>>;

const inputCount = 4;

/**
 * After any sequence of moderation and project changes, a participation listing shows exactly
 * what a direct read lets the caller see — never more, never less — and what the model of the
 * rules says a visitor sees (SPEC 3, 4: hidden inputs and comments leave residents' listings, not
 * their moderators'). On the server's caches, as it runs.
 */
describe.each(testDatabaseKinds())('participation listings on %s', (kind) => {
  let f: ApiFixture;
  let admin: Caller;
  let callers: { name: string; caller: Caller; moderates: boolean }[];
  let projectId: string;
  let phaseId: string;
  const inputIds: string[] = [];
  const commentIds: string[] = [];
  /** What the test did, to say what a visitor must see. */
  const model = {
    status: 'published' as 'draft' | 'published',
    visibleTo: 'everyone' as 'everyone' | 'managers',
    inputHidden: Array<boolean>(inputCount).fill(false),
    commentHidden: Array<boolean>(inputCount).fill(false),
  };

  beforeAll(async () => {
    f = await createApiFixture(kind);
    admin = await f.as('admin');
    ({ projectId, phaseId } = await f.openPhase('ideation', {
      action: 'post',
      permittedBy: 'account',
    }));
    await admin.phases.setParticipation({
      phaseId,
      action: 'comment',
      enabled: true,
      permittedBy: 'account',
    });
    const { caller: author } = await f.resident();
    for (let i = 0; i < inputCount; i++) {
      const input = await author.inputs.create({ phaseId, title: `Idea ${i}`, body: 'Text' });
      inputIds.push(input.id);
      commentIds.push((await author.comments.create({ inputId: input.id, body: `On ${i}` })).id);
    }
    callers = [
      { name: 'visitor', caller: await f.caller(), moderates: false },
      { name: 'author', caller: author, moderates: false },
      { name: 'another resident', caller: (await f.resident()).caller, moderates: false },
      { name: 'admin', caller: admin, moderates: true },
    ];
  });
  afterAll(() => f?.close());

  const index = fc.integer({ min: 0, max: inputCount - 1 });
  const change = fc.oneof(
    fc.record({ op: fc.constant('hideInput' as const), index, hidden: fc.boolean() }),
    fc.record({ op: fc.constant('hideComment' as const), index, hidden: fc.boolean() }),
    fc.record({
      op: fc.constant('status' as const),
      status: fc.constantFrom('draft', 'published'),
    }),
    fc.record({
      op: fc.constant('access' as const),
      visibleTo: fc.constantFrom('everyone', 'managers'),
    }),
  );
  type Change = typeof change extends fc.Arbitrary<infer T> ? T : never;

  async function apply(c: Change) {
    switch (c.op) {
      case 'hideInput':
        await admin.inputs.moderate({ id: inputIds[c.index]!, hidden: c.hidden });
        model.inputHidden[c.index] = c.hidden;
        return;
      case 'hideComment':
        await admin.comments.moderate({ id: commentIds[c.index]!, hidden: c.hidden });
        model.commentHidden[c.index] = c.hidden;
        return;
      case 'status':
        await admin.projects.setStatus({ id: projectId, status: c.status });
        model.status = c.status;
        return;
      case 'access':
        await admin.projects.setAccess({ id: projectId, visibleTo: c.visibleTo });
        model.visibleTo = c.visibleTo;
    }
  }

  const idsOf = (call: Promise<{ items: { id: string }[] }>) =>
    call.then(
      (page) => page.items.map((item) => item.id).sort(),
      (error: { code?: string }) => {
        expect(error.code).toBe('NOT_FOUND');
        return [];
      },
    );
  const readable = (call: Promise<unknown>) =>
    call.then(
      () => true,
      (error: { code?: string }) => {
        expect(error.code).toBe('NOT_FOUND');
        return false;
      },
    );

  async function expectListingsTrue() {
    await f.caches.feed.settled();
    const projectSeen = model.status === 'published' && model.visibleTo === 'everyone';
    for (const { name, caller, moderates } of callers) {
      const listed = await idsOf(caller.inputs.list({ phaseId }));
      const read: string[] = [];
      for (const id of inputIds) if (await readable(caller.inputs.get({ id }))) read.push(id);
      expect(listed, `${name}: inputs listed = inputs readable`).toEqual(read.sort());
      for (const [i, id] of inputIds.entries()) {
        const comments = await idsOf(caller.comments.list({ inputId: id }));
        const inputRead = read.includes(id);
        expect(comments, `${name}: comments of input ${i}`).toEqual(
          inputRead && (moderates || !model.commentHidden[i]) ? [commentIds[i]] : [],
        );
      }
      if (!moderates) {
        const visible = inputIds.filter((_, i) => projectSeen && !model.inputHidden[i]).sort();
        expect(listed, `${name}: as the rules say`).toEqual(visible);
      } else {
        expect(listed, `${name}: everything`).toEqual([...inputIds].sort());
      }
    }
  }

  it('lists what a direct read allows, after any sequence of changes', async () => {
    await expectListingsTrue();
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 5 }), async (changes) => {
        for (const c of changes) {
          await apply(c);
          await expectListingsTrue();
        }
      }),
      {
        numRuns: Number(process.env.FUZZ_RUNS ?? 6),
        seed: Number(process.env.FUZZ_SEED ?? Date.now()) % 2 ** 31,
      },
    );
  }, 120_000);
});

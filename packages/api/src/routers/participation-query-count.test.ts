import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '@samrad/db/testing';
import { createApiFixture, type ApiFixture } from '../testing/api-fixture.js';

type Caller = Awaited<ReturnType<ApiFixture['caller']>>;

/** A 1 × 1 PNG, so listed inputs carry an image each. */
const png =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/**
 * Participation listings filter in SQL with a fixed number of queries: a page of 3 and a page of
 * 33 (each with its images, counts and the caller's own marks) cost the same.
 */
describe.each(testDatabaseKinds())('queries per participation listing on %s', (kind) => {
  let f: ApiFixture;
  let queries = 0;
  const logger = { logQuery: () => void queries++ };
  let admin: Caller;
  let resident: Caller;
  let ideas: { projectId: string; phaseId: string };
  let volunteering: { phaseId: string };
  let firstInput = '';

  beforeAll(async () => {
    f = await createApiFixture(kind, { logger, reads: false });
    admin = await f.as('admin');
    ({ caller: resident } = await f.resident());
    ideas = await f.openPhase('ideation', { action: 'post', permittedBy: 'account' });
    await admin.phases.setParticipation({
      phaseId: ideas.phaseId,
      action: 'comment',
      enabled: true,
      permittedBy: 'account',
    });
    volunteering = await f.openPhase('volunteering', {
      action: 'volunteer',
      permittedBy: 'account',
    });
  });
  afterAll(() => f?.close());

  /** Adds `n` of each listed thing: inputs (with an image, a comment and a report), events, causes. */
  async function add(n: number) {
    for (let i = 0; i < n; i++) {
      const input = await resident.inputs.create({
        phaseId: ideas.phaseId,
        title: `Idea ${i}`,
        body: 'Text',
        images: [{ base64: png }],
      });
      firstInput ||= input.id;
      await admin.comments.create({ inputId: firstInput, body: `Comment ${i}` });
      await admin.inputs.report({ id: input.id, reason: 'Check' });
      await admin.events.create({
        projectId: ideas.projectId,
        title: `Event ${i}`,
        startAt: new Date(Date.now() + 86_400_000).toISOString(),
      });
      await admin.volunteering.createCause({ phaseId: volunteering.phaseId, title: `Cause ${i}` });
    }
  }

  async function counts(): Promise<Record<string, number>> {
    const calls: Record<string, () => Promise<unknown>> = {
      'inputs.list': () => resident.inputs.list({ phaseId: ideas.phaseId, limit: 100 }),
      'comments.list': () => resident.comments.list({ inputId: firstInput, limit: 200 }),
      'events.list': () => resident.events.list({ projectId: ideas.projectId, limit: 100 }),
      'volunteering.causes': () => resident.volunteering.causes({ phaseId: volunteering.phaseId }),
      'inputs.reports': () => admin.inputs.reports({ projectId: ideas.projectId, limit: 100 }),
    };
    const counted: Record<string, number> = {};
    for (const [name, call] of Object.entries(calls)) {
      queries = 0;
      await call();
      counted[name] = queries;
    }
    return counted;
  }

  it('is the same for 3 rows as for 33', async () => {
    await add(3);
    const few = await counts();
    await add(30);
    const many = await counts();
    expect(many).toEqual(few);
    // The caller, the guard's facts and the page (measured: 2 or 3); nothing per row.
    for (const [name, n] of Object.entries(many)) {
      expect(n, name).toBeGreaterThan(0);
      expect(n, name).toBeLessThanOrEqual(3);
    }
  });
});

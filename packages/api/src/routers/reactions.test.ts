import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DataCollection } from '@samrad/core';
import { reactions } from '@samrad/db';
import { testDatabaseKinds } from '@samrad/db/testing';
import { createApiFixture, type ApiFixture } from '../testing/api-fixture.js';
import { userIdOf } from '../testing/demo-ids.js';
import { errorOf } from '../testing/refusals.js';

type Caller = Awaited<ReturnType<ApiFixture['caller']>>;

/** Reactions (SPEC 4.1 *react*) through the router, on both engines. */
describe.each(testDatabaseKinds())('reactions on %s', (kind) => {
  let f: ApiFixture;
  let admin: Caller;
  let resident: Caller;

  /** An idea in an open ideation phase whose reacting is set as given. */
  async function ideaToReactTo(dataCollection: DataCollection, maxPerPerson?: number) {
    const { phaseId } = await f.openPhase('ideation', { action: 'post', permittedBy: 'account' });
    await admin.phases.setParticipation({
      phaseId,
      action: 'react',
      enabled: true,
      permittedBy: 'account',
      dataCollection,
      ...(maxPerPerson ? { maxPerPerson } : {}),
    });
    const idea = await admin.inputs.create({ phaseId, title: 'A bench', body: 'Here' });
    return { phaseId, inputId: idea.id };
  }

  beforeAll(async () => {
    f = await createApiFixture(kind);
    admin = await f.as('admin');
    resident = await f.as('resident');
    await resident.users.updateProfile({ answers: { age_group: '35_64' } });
  });
  afterAll(() => f?.close());

  it('keeps one reaction per person: changed, taken back, counted on the input', async () => {
    const { inputId } = await ideaToReactTo('all');
    expect(await resident.reactions.set({ inputId, kind: 'up' })).toEqual({
      reactions: { up: 1, down: 0 },
      mine: 'up',
    });
    expect((await resident.reactions.set({ inputId, kind: 'up' })).reactions).toEqual({
      up: 1,
      down: 0,
    });
    await admin.reactions.set({ inputId, kind: 'up' });
    expect((await resident.reactions.set({ inputId, kind: 'down' })).reactions).toEqual({
      up: 1,
      down: 1,
    });
    expect((await (await f.caller()).inputs.get({ id: inputId })).reactions).toEqual({
      up: 1,
      down: 1,
    });
    expect(await resident.reactions.set({ inputId, kind: null })).toEqual({
      reactions: { up: 1, down: 0 },
      mine: null,
    });
    const rows = await f.connection.db
      .select({ userId: reactions.userId, kind: reactions.kind })
      .from(reactions)
      .where(eq(reactions.inputId, inputId));
    expect(rows).toEqual([{ userId: await userIdOf(f.connection.db, 'admin'), kind: 'up' }]);
  });

  it('refuses visitors and phases where reacting is off, with the reason', async () => {
    const { phaseId, inputId } = await ideaToReactTo('all');
    const visitor = await errorOf((await f.caller()).reactions.set({ inputId, kind: 'up' }));
    expect([visitor.code, visitor.reason]).toEqual(['UNAUTHORIZED', 'not_signed_in']);
    await admin.phases.setParticipation({
      phaseId,
      action: 'react',
      enabled: false,
      permittedBy: 'account',
    });
    const off = await errorOf(resident.reactions.set({ inputId, kind: 'up' }));
    expect([off.code, off.reason]).toEqual(['FORBIDDEN', 'action_not_enabled']);
    const unknown = await errorOf(
      resident.reactions.set({ inputId: '00000000-0000-4000-8000-000000000000', kind: 'up' }),
    );
    expect(unknown.code).toBe('NOT_FOUND');
    const bad = await errorOf(resident.reactions.set({ inputId, kind: 'sideways' as 'up' }));
    expect([bad.code, bad.field]).toEqual(['BAD_REQUEST', 'kind']);
  });

  it('counts racing clicks of each person once', async () => {
    const { inputId } = await ideaToReactTo('all');
    await Promise.all(
      [resident, admin].flatMap((person) =>
        Array.from({ length: 8 }, (_, n) =>
          person.reactions.set({ inputId, kind: n % 2 ? 'down' : 'up' }),
        ),
      ),
    );
    const after = (await (await f.caller()).inputs.get({ id: inputId })).reactions;
    const stored = await f.connection.db
      .select({ kind: reactions.kind })
      .from(reactions)
      .where(eq(reactions.inputId, inputId));
    expect(stored).toHaveLength(2);
    expect(after).toEqual({
      up: stored.filter((r) => r.kind === 'up').length,
      down: stored.filter((r) => r.kind === 'down').length,
    });
  });

  it('counts a reaction once under a cap: changing it is not a second act, taking it back frees it', async () => {
    const { phaseId, inputId } = await ideaToReactTo('all', 1);
    const other = await admin.inputs.create({ phaseId, title: 'A tree', body: 'There' });
    await resident.reactions.set({ inputId, kind: 'up' });
    await resident.reactions.set({ inputId, kind: 'down' });
    const capped = await errorOf(resident.reactions.set({ inputId: other.id, kind: 'up' }));
    expect([capped.code, capped.reason]).toEqual(['FORBIDDEN', 'limit_reached']);
    await resident.reactions.set({ inputId, kind: null });
    await resident.reactions.set({ inputId: other.id, kind: 'up' });
    expect((await (await f.caller()).inputs.get({ id: other.id })).reactions.up).toBe(1);
  });

  it('cannot be promised anonymous: a reaction is one person’s', async () => {
    const { phaseId } = await ideaToReactTo('all');
    const refused = await errorOf(
      admin.phases.setParticipation({
        phaseId,
        action: 'react',
        enabled: true,
        permittedBy: 'account',
        dataCollection: 'anonymous',
      }),
    );
    expect([refused.code, refused.field]).toEqual(['BAD_REQUEST', 'dataCollection']);
  });
});

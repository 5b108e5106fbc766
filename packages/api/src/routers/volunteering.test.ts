import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '@samrad/db/testing';
import { createApiFixture, type ApiFixture } from '../testing/api-fixture.js';
import { errorOf } from '../testing/refusals.js';

type Caller = Awaited<ReturnType<ApiFixture['caller']>>;
const day = 86_400_000;

/** Volunteering (SPEC 4.1 *volunteer*) through the router, on both engines. */
describe.each(testDatabaseKinds())('volunteering on %s', (kind) => {
  let f: ApiFixture;
  let admin: Caller;

  beforeAll(async () => {
    f = await createApiFixture(kind);
    admin = await f.as('admin');
  });
  afterAll(() => f?.close());

  /** A published project with an open volunteering phase (its default: full accounts). */
  async function volunteeringPhase(options: { status?: 'draft' | 'published'; endAt?: Date } = {}) {
    const project = await admin.projects.create({ title: `Volunteers ${Math.random()}` });
    if (options.status !== 'draft') {
      await admin.projects.setStatus({ id: project.id, status: 'published' });
    }
    const phase = await admin.phases.create({
      projectId: project.id,
      title: 'Lend a hand',
      method: 'volunteering',
      startAt: new Date(Date.now() - 2 * day).toISOString(),
      ...(options.endAt ? { endAt: options.endAt.toISOString() } : {}),
    });
    return { phaseId: phase.id };
  }

  it('has causes set by the phase’s managers, seen by whoever sees the project', async () => {
    const { phaseId } = await volunteeringPhase();
    const first = await admin.volunteering.createCause({
      phaseId,
      title: 'Clean the beach',
      capacity: 10,
    });
    await admin.volunteering.createCause({ phaseId, title: 'Plant trees' });
    expect(first).toMatchObject({ volunteers: 0, capacity: 10, full: false, mine: false });
    const { caller: resident } = await f.resident();
    const refused = await errorOf(resident.volunteering.createCause({ phaseId, title: 'Mine' }));
    expect(refused.code).toBe('FORBIDDEN');
    const visitor = await f.caller();
    const causes = await visitor.volunteering.causes({ phaseId });
    expect(causes.map((c) => c.title.en ?? Object.values(c.title)[0])).toEqual([
      'Clean the beach',
      'Plant trees',
    ]);
    const moved = await admin.volunteering.updateCause({ id: first.id, position: 5 });
    expect(moved.id).toBe(first.id);
    expect((await visitor.volunteering.causes({ phaseId })).at(-1)!.id).toBe(first.id);
    expect((await errorOf(resident.volunteering.deleteCause({ id: first.id }))).code).toBe(
      'FORBIDDEN',
    );
    await admin.volunteering.deleteCause({ id: first.id });
    expect((await visitor.volunteering.causes({ phaseId })).length).toBe(1);
    expect((await errorOf(visitor.volunteering.volunteer({ causeId: first.id }))).code).toBe(
      'NOT_FOUND',
    );

    const ideation = await admin.phases.create({
      projectId: (await admin.projects.create({ title: `Ideas ${Math.random()}` })).id,
      title: 'Ideas',
      method: 'ideation',
      startAt: new Date().toISOString(),
    });
    const wrong = await errorOf(
      admin.volunteering.createCause({ phaseId: ideation.id, title: 'Misplaced' }),
    );
    expect([wrong.code, wrong.field]).toEqual(['BAD_REQUEST', 'phaseId']);
  });

  it('hides the causes of a project the caller cannot see, as a direct read does', async () => {
    const { phaseId } = await volunteeringPhase({ status: 'draft' });
    const cause = await admin.volunteering.createCause({ phaseId, title: 'Secret' });
    const visitor = await f.caller();
    expect((await errorOf(visitor.volunteering.causes({ phaseId }))).code).toBe('NOT_FOUND');
    const { caller: resident } = await f.resident();
    expect((await errorOf(resident.volunteering.volunteer({ causeId: cause.id }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await errorOf(resident.volunteering.withdraw({ causeId: cause.id }))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('takes sign-ups as the policy allows, once per person, and lists them for managers', async () => {
    const { phaseId } = await volunteeringPhase();
    const cause = await admin.volunteering.createCause({ phaseId, title: 'Clean the beach' });
    const visitor = await f.caller();
    const anonymous = await errorOf(visitor.volunteering.volunteer({ causeId: cause.id }));
    expect([anonymous.code, anonymous.reason]).toEqual(['UNAUTHORIZED', 'not_signed_in']);
    const { id: residentId, caller: resident } = await f.resident();
    const signedUp = await resident.volunteering.volunteer({ causeId: cause.id });
    expect(signedUp).toMatchObject({ volunteers: 1, mine: true });
    // Again: nothing changes.
    expect(await resident.volunteering.volunteer({ causeId: cause.id })).toMatchObject({
      volunteers: 1,
      mine: true,
    });
    const list = await admin.volunteering.volunteers({ causeId: cause.id });
    expect(list.items.map((v) => v.userId)).toEqual([residentId]);
    expect(list.items[0]!.email).toContain('@');
    // Newest first, page by page.
    const { id: laterId, caller: later } = await f.resident();
    await later.volunteering.volunteer({ causeId: cause.id });
    const first = await admin.volunteering.volunteers({ causeId: cause.id, limit: 1 });
    const second = await admin.volunteering.volunteers({
      causeId: cause.id,
      limit: 1,
      cursor: first.nextCursor,
    });
    expect([...first.items, ...second.items].map((v) => v.userId)).toEqual([laterId, residentId]);
    expect(second.nextCursor).toBeNull();
    await later.volunteering.withdraw({ causeId: cause.id });
    expect((await errorOf(resident.volunteering.volunteers({ causeId: cause.id }))).code).toBe(
      'FORBIDDEN',
    );
    expect(await resident.volunteering.withdraw({ causeId: cause.id })).toMatchObject({
      volunteers: 0,
      mine: false,
    });
    expect((await admin.volunteering.volunteers({ causeId: cause.id })).items).toEqual([]);

    await admin.phases.setParticipation({
      phaseId,
      action: 'volunteer',
      enabled: false,
      permittedBy: 'account',
    });
    const closed = await errorOf(resident.volunteering.volunteer({ causeId: cause.id }));
    expect([closed.code, closed.reason]).toEqual(['FORBIDDEN', 'action_not_enabled']);
    expect((await resident.participation.abilities({ phaseId })).volunteer).toMatchObject({
      allowed: false,
      reason: 'action_not_enabled',
    });
    // Volunteering names its volunteer: less than all data cannot be promised.
    const anonymity = await errorOf(
      admin.phases.setParticipation({
        phaseId,
        action: 'volunteer',
        enabled: true,
        permittedBy: 'account',
        dataCollection: 'anonymous',
      }),
    );
    expect([anonymity.code, anonymity.field]).toEqual(['BAD_REQUEST', 'dataCollection']);
  });

  it('never fills more places than a cause has, however many sign up at once', async () => {
    const { phaseId } = await volunteeringPhase();
    const cause = await admin.volunteering.createCause({ phaseId, title: 'Few', capacity: 3 });
    const residents = await Promise.all(Array.from({ length: 8 }, () => f.resident()));
    const outcomes = await Promise.allSettled(
      residents.map((r) => r.caller.volunteering.volunteer({ causeId: cause.id })),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled').length).toBe(3);
    for (const outcome of outcomes.filter((o) => o.status === 'rejected')) {
      expect(outcome.reason).toMatchObject({ code: 'CONFLICT' });
    }
    expect((await admin.volunteering.causes({ phaseId }))[0]).toMatchObject({
      volunteers: 3,
      full: true,
    });
    const lower = await errorOf(admin.volunteering.updateCause({ id: cause.id, capacity: 2 }));
    expect([lower.code, lower.field]).toEqual(['CONFLICT', 'capacity']);
    // A place given back is a place free.
    const taken = outcomes.findIndex((o) => o.status === 'fulfilled');
    const waiting = outcomes.findIndex((o) => o.status === 'rejected');
    await residents[taken]!.caller.volunteering.withdraw({ causeId: cause.id });
    expect(
      await residents[waiting]!.caller.volunteering.volunteer({ causeId: cause.id }),
    ).toMatchObject({ volunteers: 3, mine: true });
    // No cap: as many as come.
    await admin.volunteering.updateCause({ id: cause.id, capacity: null });
    await residents[taken]!.caller.volunteering.volunteer({ causeId: cause.id });
    expect((await admin.volunteering.causes({ phaseId }))[0]).toMatchObject({
      volunteers: 4,
      capacity: null,
      full: false,
    });
  });

  it('holds the phase’s cap per person, freed by a withdrawal or a deleted cause', async () => {
    const { phaseId } = await volunteeringPhase();
    await admin.phases.setParticipation({
      phaseId,
      action: 'volunteer',
      enabled: true,
      permittedBy: 'account',
      maxPerPerson: 1,
    });
    const a = await admin.volunteering.createCause({ phaseId, title: 'A' });
    const b = await admin.volunteering.createCause({ phaseId, title: 'B' });
    const { caller: me } = await f.resident();
    await me.volunteering.volunteer({ causeId: a.id });
    const capped = await errorOf(me.volunteering.volunteer({ causeId: b.id }));
    expect([capped.code, capped.reason]).toEqual(['FORBIDDEN', 'limit_reached']);
    await me.volunteering.withdraw({ causeId: a.id });
    await me.volunteering.volunteer({ causeId: b.id });
    await admin.volunteering.deleteCause({ id: b.id });
    expect(await me.volunteering.volunteer({ causeId: a.id })).toMatchObject({ mine: true });
  });

  it('closes with its phase', async () => {
    const { phaseId } = await volunteeringPhase({ endAt: new Date(Date.now() - day) });
    const cause = await admin.volunteering.createCause({ phaseId, title: 'Too late' });
    const { caller: me } = await f.resident();
    const late = await errorOf(me.volunteering.volunteer({ causeId: cause.id }));
    expect([late.code, late.reason]).toEqual(['FORBIDDEN', 'phase_not_active']);
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { eventRegistrations, events, projectMembers } from '@samrad/db';
import { testDatabaseKinds } from '@samrad/db/testing';
import { createApiFixture, openSessionForTest, type ApiFixture } from '../testing/api-fixture.js';
import { errorOf } from '../testing/refusals.js';

type Caller = Awaited<ReturnType<ApiFixture['caller']>>;
const day = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * day).toISOString();

/** Events (SPEC 6) and registering for them (SPEC 4.1 *attend*) through the router, on both engines. */
describe.each(testDatabaseKinds())('events on %s', (kind) => {
  let f: ApiFixture;
  let admin: Caller;

  beforeAll(async () => {
    f = await createApiFixture(kind);
    admin = await f.as('admin');
  });
  afterAll(() => f?.close());

  /** A project of its own with an information phase open since two days (no action enabled). */
  async function projectWithPhase(options: { status?: 'draft' | 'published' } = {}) {
    const project = await admin.projects.create({ title: `Events ${Math.random()}` });
    if (options.status !== 'draft') {
      await admin.projects.setStatus({ id: project.id, status: 'published' });
    }
    const phase = await admin.phases.create({
      projectId: project.id,
      title: 'Meet us',
      method: 'information',
      startAt: new Date(Date.now() - 2 * day).toISOString(),
    });
    return { projectId: project.id, phaseId: phase.id };
  }

  const openAttending = (phaseId: string, maxPerPerson: number | null = null) =>
    admin.phases.setParticipation({
      phaseId,
      action: 'attend',
      enabled: true,
      permittedBy: 'account',
      maxPerPerson,
    });

  /** A published project whose phase takes registrations from full accounts, and one event. */
  async function openEvent(capacity?: number) {
    const { projectId, phaseId } = await projectWithPhase();
    await openAttending(phaseId);
    const event = await admin.events.create({
      projectId,
      phaseId,
      title: 'Walk through the park',
      startAt: inDays(7),
      ...(capacity === undefined ? {} : { capacity }),
    });
    return { projectId, phaseId, eventId: event.id };
  }

  /** A new caller for the user: a caller's subject (roles, memberships) is read once. */
  const signedInAgain = async (userId: string) =>
    f.caller(await openSessionForTest(f.connection.db, { id: userId, platformId: f.platform.id }));

  const rowsOf = async (eventId: string) =>
    (
      await f.connection.db
        .select({ n: count() })
        .from(eventRegistrations)
        .where(eq(eventRegistrations.eventId, eventId))
    )[0]!.n;

  it('is created, changed and deleted by those who manage the project, never by residents', async () => {
    const { projectId, phaseId } = await projectWithPhase();
    const created = await admin.events.create({
      projectId,
      phaseId,
      title: 'Town meeting',
      description: 'About the square',
      location: 'City hall',
      onlineUrl: 'https://meet.example.org/square',
      startAt: inDays(7),
      endAt: inDays(7.1),
      capacity: 10,
    });
    const locale = f.platform.defaultLocale;
    expect(created).toMatchObject({
      projectId,
      phaseId,
      title: { [locale]: 'Town meeting' },
      description: { [locale]: 'About the square' },
      location: 'City hall',
      onlineUrl: 'https://meet.example.org/square',
      capacity: 10,
      registrations: 0,
      full: false,
      registered: false,
    });
    const [row] = await f.connection.db.select().from(events).where(eq(events.id, created.id));
    expect(row!.createdBy).not.toBeNull();

    const { caller: resident } = await f.resident();
    const refusals = [
      await errorOf(resident.events.create({ projectId, title: 'Mine', startAt: inDays(1) })),
      await errorOf(resident.events.update({ id: created.id, title: 'Taken over' })),
      await errorOf(resident.events.delete({ id: created.id })),
    ];
    expect(refusals.map((r) => r.code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    const visitor = await f.caller();
    expect(
      (await errorOf(visitor.events.create({ projectId, title: 'X', startAt: inDays(1) }))).code,
    ).toBe('UNAUTHORIZED');

    const changed = await admin.events.update({
      id: created.id,
      title: { en: 'Town hall meeting', sv: 'Stadshusmöte' },
      description: null,
      location: null,
      capacity: null,
    });
    expect(changed).toMatchObject({
      title: { en: 'Town hall meeting', sv: 'Stadshusmöte' },
      description: {},
      location: null,
      onlineUrl: 'https://meet.example.org/square',
      capacity: null,
      full: false,
    });
    expect(await visitor.events.get({ id: created.id })).toEqual(changed);

    // Those who manage the project, not only admins.
    const { id: managerId } = await f.resident();
    await admin.roles.assign({
      userId: managerId,
      role: 'project_manager',
      scope: { type: 'project', id: projectId },
    });
    const manager = await signedInAgain(managerId);
    const theirs = await manager.events.create({ projectId, title: 'Theirs', startAt: inDays(2) });
    await manager.events.update({ id: theirs.id, location: 'Library' });
    expect(await manager.events.delete({ id: theirs.id })).toEqual({ id: theirs.id });
    expect((await errorOf(visitor.events.get({ id: theirs.id }))).code).toBe('NOT_FOUND');
    await admin.events.delete({ id: created.id });
    expect((await admin.events.list({ projectId })).items).toEqual([]);
  });

  it('refuses what does not fit, naming the field', async () => {
    const { projectId, phaseId } = await projectWithPhase();
    const other = await projectWithPhase();
    const misplaced = await errorOf(
      admin.events.create({ projectId, phaseId: other.phaseId, title: 'X', startAt: inDays(1) }),
    );
    expect([misplaced.code, misplaced.field]).toEqual(['BAD_REQUEST', 'phaseId']);
    const backwards = await errorOf(
      admin.events.create({ projectId, title: 'X', startAt: inDays(2), endAt: inDays(1) }),
    );
    expect([backwards.code, backwards.field]).toEqual(['BAD_REQUEST', 'endAt']);
    const script = await errorOf(
      admin.events.create({
        projectId,
        title: 'X',
        startAt: inDays(1),
        onlineUrl: 'javascript:alert(1)',
      }),
    );
    expect([script.code, script.field]).toEqual(['BAD_REQUEST', 'onlineUrl']);
    const noCapacity = await errorOf(
      admin.events.create({ projectId, title: 'X', startAt: inDays(1), capacity: 0 }),
    );
    expect([noCapacity.code, noCapacity.field]).toEqual(['BAD_REQUEST', 'capacity']);

    const event = await admin.events.create({ projectId, phaseId, title: 'X', startAt: inDays(2) });
    // Against the stored start: the merged event is checked.
    const endsBefore = await errorOf(admin.events.update({ id: event.id, endAt: inDays(1) }));
    expect([endsBefore.code, endsBefore.field]).toEqual(['BAD_REQUEST', 'endAt']);
    const moved = await errorOf(admin.events.update({ id: event.id, phaseId: other.phaseId }));
    expect([moved.code, moved.field]).toEqual(['BAD_REQUEST', 'phaseId']);
    const nothing = await errorOf(admin.events.update({ id: event.id }));
    expect(nothing.code).toBe('BAD_REQUEST');
    expect(await admin.events.update({ id: event.id, phaseId: null })).toMatchObject({
      phaseId: null,
    });
  });

  it('lists a project’s events in the order they take place, page by page', async () => {
    const { projectId } = await projectWithPhase();
    const later = await admin.events.create({ projectId, title: 'Later', startAt: inDays(9) });
    const past = await admin.events.create({
      projectId,
      title: 'Past',
      startAt: inDays(-3),
      endAt: inDays(-2.9),
    });
    const running = await admin.events.create({
      projectId,
      title: 'Running',
      startAt: inDays(-0.1),
      endAt: inDays(0.1),
    });
    const soon = await admin.events.create({ projectId, title: 'Soon', startAt: inDays(1) });
    const visitor = await f.caller();
    const all = await visitor.events.list({ projectId });
    expect(all.items.map((e) => e.id)).toEqual([past.id, running.id, soon.id, later.id]);
    expect(all.nextCursor).toBeNull();
    const upcoming = await visitor.events.list({ projectId, upcoming: true });
    expect(upcoming.items.map((e) => e.id)).toEqual([running.id, soon.id, later.id]);

    const first = await visitor.events.list({ projectId, limit: 3 });
    expect(first.items.map((e) => e.id)).toEqual([past.id, running.id, soon.id]);
    const second = await visitor.events.list({ projectId, limit: 3, cursor: first.nextCursor });
    expect(second).toEqual({
      items: [expect.objectContaining({ id: later.id })],
      nextCursor: null,
    });
    const bad = await errorOf(visitor.events.list({ projectId, cursor: 'nonsense' }));
    expect([bad.code, bad.field]).toEqual(['BAD_REQUEST', 'cursor']);
  });

  it('hides the events of a project the caller cannot see, as a direct read does', async () => {
    const { projectId, phaseId } = await projectWithPhase({ status: 'draft' });
    await openAttending(phaseId);
    const event = await admin.events.create({
      projectId,
      phaseId,
      title: 'Secret',
      startAt: inDays(3),
    });
    const visitor = await f.caller();
    const { caller: resident } = await f.resident();
    for (const caller of [visitor, resident]) {
      expect((await errorOf(caller.events.list({ projectId }))).code).toBe('NOT_FOUND');
      expect((await errorOf(caller.events.get({ id: event.id }))).code).toBe('NOT_FOUND');
      expect((await errorOf(caller.events.register({ eventId: event.id }))).code).toBe('NOT_FOUND');
    }
    expect((await errorOf(resident.events.unregister({ eventId: event.id }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await errorOf(resident.events.update({ id: event.id, title: 'X' }))).code).toBe(
      'NOT_FOUND',
    );
    // An event outside any phase tells no more.
    const announced = await admin.events.create({ projectId, title: 'Hush', startAt: inDays(3) });
    expect((await errorOf(resident.events.register({ eventId: announced.id }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await errorOf(visitor.events.get({ id: randomUUID() }))).code).toBe('NOT_FOUND');
  });

  it('shows a members-only project’s events to its members only (SPEC 3.5)', async () => {
    const { projectId, eventId } = await openEvent();
    await admin.projects.setAccess({ id: projectId, membersOnly: true });
    const visitor = await f.caller();
    const { id: residentId, caller: resident } = await f.resident();
    for (const caller of [visitor, resident]) {
      // The card is public, the content is not: the list and a direct read refuse alike.
      const listed = await errorOf(caller.events.list({ projectId }));
      const read = await errorOf(caller.events.get({ id: eventId }));
      expect([listed.code, listed.reason]).toEqual(['FORBIDDEN', 'not_a_member']);
      expect([read.code, read.reason]).toEqual([listed.code, listed.reason]);
    }
    const refused = await errorOf(resident.events.register({ eventId }));
    expect([refused.code, refused.reason]).toEqual(['FORBIDDEN', 'not_a_member']);
    await f.connection.db
      .insert(projectMembers)
      .values({ platformId: f.platform.id, projectId, userId: residentId, source: 'added' });
    const member = await signedInAgain(residentId);
    expect((await member.events.list({ projectId })).items.map((e) => e.id)).toEqual([eventId]);
    expect(await member.events.register({ eventId })).toMatchObject({ registered: true });
  });

  it('takes registrations as the phase’s attend setting allows, once per person', async () => {
    const { projectId, phaseId } = await projectWithPhase();
    const event = await admin.events.create({
      projectId,
      phaseId,
      title: 'Walk',
      startAt: inDays(5),
    });
    const { id: residentId, caller: resident } = await f.resident();
    const closed = await errorOf(resident.events.register({ eventId: event.id }));
    expect([closed.code, closed.reason]).toEqual(['FORBIDDEN', 'action_not_enabled']);
    expect((await resident.participation.abilities({ phaseId })).attend).toMatchObject({
      allowed: false,
      reason: 'action_not_enabled',
    });

    await openAttending(phaseId);
    expect((await resident.participation.abilities({ phaseId })).attend).toEqual({ allowed: true });
    const visitor = await f.caller();
    const anonymous = await errorOf(visitor.events.register({ eventId: event.id }));
    expect([anonymous.code, anonymous.reason]).toEqual(['UNAUTHORIZED', 'not_signed_in']);
    // Announced only: an event outside any phase takes nobody, whatever the phases allow.
    const announced = await admin.events.create({ projectId, title: 'Fair', startAt: inDays(5) });
    const unphased = await errorOf(resident.events.register({ eventId: announced.id }));
    expect([unphased.code, unphased.reason]).toEqual(['FORBIDDEN', 'action_not_enabled']);
    expect(await rowsOf(announced.id)).toBe(0);

    expect(await resident.events.register({ eventId: event.id })).toMatchObject({
      registrations: 1,
      registered: true,
    });
    // Again: nothing changes.
    expect(await resident.events.register({ eventId: event.id })).toMatchObject({
      registrations: 1,
      registered: true,
    });
    expect(await rowsOf(event.id)).toBe(1);
    const { caller: neighbour } = await f.resident();
    expect((await neighbour.events.list({ projectId })).items).toEqual([
      expect.objectContaining({ id: event.id, registrations: 1, registered: false }),
      expect.objectContaining({ id: announced.id, registrations: 0, registered: false }),
    ]);
    expect((await resident.events.get({ id: event.id })).registered).toBe(true);

    const people = await admin.events.registrations({ eventId: event.id });
    expect(people.items.map((person) => person.userId)).toEqual([residentId]);
    expect(people.items[0]!.email).toContain('@');
    expect((await errorOf(resident.events.registrations({ eventId: event.id }))).code).toBe(
      'FORBIDDEN',
    );
    // Those registered stay under the phase they registered in.
    const moved = await errorOf(admin.events.update({ id: event.id, phaseId: null }));
    expect([moved.code, moved.field]).toEqual(['CONFLICT', 'phaseId']);

    expect(await resident.events.unregister({ eventId: event.id })).toMatchObject({
      registrations: 0,
      registered: false,
    });
    expect(await resident.events.unregister({ eventId: event.id })).toMatchObject({
      registrations: 0,
    });
    expect((await admin.events.registrations({ eventId: event.id })).items).toEqual([]);
    expect((await errorOf(visitor.events.unregister({ eventId: event.id }))).code).toBe(
      'UNAUTHORIZED',
    );
  });

  it('never takes more people than an event has places, however many register at once', async () => {
    const { projectId, eventId } = await openEvent(3);
    const residents = await Promise.all(Array.from({ length: 8 }, () => f.resident()));
    const outcomes = await Promise.allSettled(
      residents.map((r) => r.caller.events.register({ eventId })),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled').length).toBe(3);
    for (const outcome of outcomes.filter((o) => o.status === 'rejected')) {
      expect(outcome.reason).toMatchObject({
        code: 'CONFLICT',
        message: 'eventId: the event is full',
      });
    }
    expect(await rowsOf(eventId)).toBe(3);
    expect((await admin.events.list({ projectId })).items[0]).toMatchObject({
      registrations: 3,
      full: true,
    });
    const lower = await errorOf(admin.events.update({ id: eventId, capacity: 2 }));
    expect([lower.code, lower.field]).toEqual(['CONFLICT', 'capacity']);
    // A place given back is a place free.
    const taken = outcomes.findIndex((o) => o.status === 'fulfilled');
    const waiting = outcomes.findIndex((o) => o.status === 'rejected');
    await residents[taken]!.caller.events.unregister({ eventId });
    expect(await residents[waiting]!.caller.events.register({ eventId })).toMatchObject({
      registrations: 3,
      registered: true,
      full: true,
    });
    await admin.events.update({ id: eventId, capacity: null });
    await residents[taken]!.caller.events.register({ eventId });
    expect(await admin.events.get({ id: eventId })).toMatchObject({
      registrations: 4,
      capacity: null,
      full: false,
    });
  });

  it('closes registration once the event has begun', async () => {
    const { projectId, phaseId } = await projectWithPhase();
    await openAttending(phaseId);
    const begun = await admin.events.create({
      projectId,
      phaseId,
      title: 'Already on',
      startAt: inDays(-0.01),
    });
    const { caller: me } = await f.resident();
    const late = await errorOf(me.events.register({ eventId: begun.id }));
    expect([late.code, late.message]).toEqual(['CONFLICT', 'eventId: the event has begun']);
    expect(await rowsOf(begun.id)).toBe(0);
  });

  it('holds the phase’s cap per person, freed by unregistering or a deleted event', async () => {
    const { projectId, phaseId } = await projectWithPhase();
    await openAttending(phaseId, 1);
    const a = await admin.events.create({ projectId, phaseId, title: 'A', startAt: inDays(3) });
    const b = await admin.events.create({ projectId, phaseId, title: 'B', startAt: inDays(4) });
    const { caller: me } = await f.resident();
    await me.events.register({ eventId: a.id });
    // Registering again is no second registration: the cap does not stop it.
    expect(await me.events.register({ eventId: a.id })).toMatchObject({ registered: true });
    const capped = await errorOf(me.events.register({ eventId: b.id }));
    expect([capped.code, capped.reason]).toEqual(['FORBIDDEN', 'limit_reached']);
    expect((await me.participation.abilities({ phaseId })).attend).toMatchObject({
      allowed: false,
      reason: 'limit_reached',
    });
    await me.events.unregister({ eventId: a.id });
    await me.events.register({ eventId: b.id });
    await admin.events.delete({ id: b.id });
    expect(await me.events.register({ eventId: a.id })).toMatchObject({ registered: true });
  });
});

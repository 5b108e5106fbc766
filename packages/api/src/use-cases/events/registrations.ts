import { and, desc, eq, sql } from 'drizzle-orm';
import type { ListEventRegistrationsInput } from '@samrad/core';
import { eventRegistrations, users } from '@samrad/db';
import type { GrantedEvent } from '../../access/event-guard.js';
import type { PhaseParticipation, StoredSetting } from '../../access/participation-guard.js';
import type { Context } from '../../context.js';
import { AppError, unauthorized } from '../../errors.js';
import { countParticipation, uncountParticipation } from '../inputs/contribution.js';
import { afterCursor, toPage } from '../time-cursor.js';
import { eventView, lockEvent, type EventView } from './event-view.js';

/**
 * SPEC 4.1 *register for an event*, decided by the guard (`toAttend`). A registration is one
 * person's by nature (core `actionsWithoutAuthor`): it names who comes, for the managers who
 * organise the event. Registrations for one event are taken one at a time (its row is locked), so
 * no race fills more places than it has; they close when the event starts; registering again
 * changes nothing.
 */
export async function register(
  ctx: Context,
  granted: { event: GrantedEvent; participation: PhaseParticipation; setting: StoredSetting },
): Promise<EventView> {
  const user = ctx.viewer.user;
  if (!user) throw unauthorized();
  const eventId = granted.event.id;
  await ctx.db.transaction(async (tx) => {
    const { event, taken } = await lockEvent(tx, eventId);
    const [mine] = await tx
      .select({ userId: eventRegistrations.userId })
      .from(eventRegistrations)
      .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.userId, user.id)));
    if (mine) return;
    // Moved to another phase since the guard decided: that decision is not this phase's.
    if (event.phaseId !== granted.participation.phase.id) {
      throw new AppError('CONFLICT', 'eventId: the event changed meanwhile; try again');
    }
    if (event.startAt.getTime() <= Date.now()) {
      throw new AppError('CONFLICT', 'eventId: the event has begun');
    }
    if (event.capacity !== null && taken >= event.capacity) {
      throw new AppError('CONFLICT', 'eventId: the event is full');
    }
    await countParticipation(tx, ctx, granted, 'attend');
    await tx
      .insert(eventRegistrations)
      .values({ platformId: ctx.platform.id, eventId, userId: user.id });
  });
  return eventView(ctx, eventId);
}

/**
 * The caller takes their registration back, freeing the place; it no longer counts towards the
 * phase's cap per person. Not registered: nothing changes.
 */
export async function unregister(ctx: Context, event: GrantedEvent): Promise<EventView> {
  const user = ctx.viewer.user;
  if (!user) throw unauthorized();
  await ctx.db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(eventRegistrations)
      .where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.userId, user.id)))
      .returning({ userId: eventRegistrations.userId });
    if (gone && event.phaseId !== null) {
      await uncountParticipation(tx, ctx, {
        phaseId: event.phaseId,
        action: 'attend',
        userId: user.id,
      });
    }
  });
  return eventView(ctx, event.id);
}

export interface RegistrationView {
  userId: string;
  name: string;
  email: string;
  registeredAt: string;
}

/** Who registered for an event, newest first, for those who may export participant lists. */
export async function listRegistrations(
  ctx: Context,
  input: ListEventRegistrationsInput,
  event: GrantedEvent,
): Promise<{ items: RegistrationView[]; nextCursor: string | null }> {
  const rows = await ctx.db
    .select({
      userId: eventRegistrations.userId,
      name: users.name,
      email: users.email,
      registeredAt: eventRegistrations.createdAt,
      key: sql<string>`${eventRegistrations.createdAt}::text`,
    })
    .from(eventRegistrations)
    .innerJoin(users, eq(users.id, eventRegistrations.userId))
    .where(
      and(
        eq(eventRegistrations.eventId, event.id),
        input.cursor
          ? afterCursor(eventRegistrations.createdAt, eventRegistrations.userId, input.cursor)
          : undefined,
      ),
    )
    .orderBy(desc(eventRegistrations.createdAt), desc(eventRegistrations.userId))
    .limit(input.limit + 1);
  return toPage(
    rows,
    input.limit,
    (row) => [row.key, row.userId],
    (row) => ({
      userId: row.userId,
      name: row.name,
      email: row.email,
      registeredAt: row.registeredAt.toISOString(),
    }),
  );
}

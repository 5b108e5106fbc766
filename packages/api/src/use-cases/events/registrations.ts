import { and, eq } from 'drizzle-orm';
import type { ListEventRegistrationsInput } from '@samrad/core';
import { eventRegistrations } from '@samrad/db';
import type { GrantedEvent } from '../../access/event-guard.js';
import type { PhaseParticipation, StoredSetting } from '../../access/participation-guard.js';
import type { Context } from '../../context.js';
import { AppError, unauthorized } from '../../errors.js';
import { countParticipation, uncountParticipation } from '../inputs/contribution.js';
import { listSignUps, type SignUpView } from '../sign-ups.js';
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

/** Who registered for an event, newest first, for those who may export participant lists. */
export function listRegistrations(
  ctx: Context,
  input: ListEventRegistrationsInput,
  event: GrantedEvent,
): Promise<{ items: SignUpView[]; nextCursor: string | null }> {
  return listSignUps(
    ctx,
    {
      table: eventRegistrations,
      userId: eventRegistrations.userId,
      createdAt: eventRegistrations.createdAt,
      of: eq(eventRegistrations.eventId, event.id),
    },
    input,
  );
}

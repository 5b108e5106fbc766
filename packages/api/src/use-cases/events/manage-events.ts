import { and, eq } from 'drizzle-orm';
import {
  eventTimesProblem,
  toLocalizedText,
  type CreateEventInput,
  type UpdateEventInput,
} from '@samrad/core';
import { eventRegistrations, events, phases, type Database } from '@samrad/db';
import type { GrantedEvent } from '../../access/event-guard.js';
import type { GrantedProject } from '../../access/guards.js';
import type { Context, SessionUser } from '../../context.js';
import { AppError } from '../../errors.js';
import { uncountParticipation } from '../inputs/contribution.js';
import { eventView, lockEvent, type EventView } from './event-view.js';

/**
 * Refuses a phase that is not the project's (BAD_REQUEST), and keeps it from being deleted until
 * the transaction ends, so the event never points at a phase that just went.
 */
async function requirePhaseOf(tx: Database, projectId: string, phaseId: string): Promise<void> {
  const [phase] = await tx
    .select({ id: phases.id })
    .from(phases)
    .where(and(eq(phases.id, phaseId), eq(phases.projectId, projectId)))
    .for('key share');
  if (!phase) throw new AppError('BAD_REQUEST', 'phaseId: not a phase of this project');
}

/** A new event of the project (the guard decided `event.manage`), created by the caller. */
export async function createEvent(
  ctx: Context & { user: SessionUser },
  input: CreateEventInput,
  project: GrantedProject,
): Promise<EventView> {
  const locale = ctx.platform.defaultLocale;
  const id = await ctx.db.transaction(async (tx) => {
    if (input.phaseId) await requirePhaseOf(tx, project.id, input.phaseId);
    const [event] = await tx
      .insert(events)
      .values({
        platformId: ctx.platform.id,
        projectId: project.id,
        phaseId: input.phaseId ?? null,
        title: toLocalizedText(input.title, locale),
        description: input.description ? toLocalizedText(input.description, locale) : {},
        location: input.location ?? null,
        onlineUrl: input.onlineUrl ?? null,
        startAt: input.startAt,
        endAt: input.endAt ?? null,
        capacity: input.capacity ?? null,
        createdBy: ctx.user.id,
      })
      .returning({ id: events.id });
    return event!.id;
  });
  return eventView(ctx, id);
}

/**
 * An event changed by those who manage its project. The event is locked meanwhile, so no
 * registration slips in between the checks and the change: its places never drop below those
 * taken (nobody registered is turned away afterwards), and it keeps its phase once people
 * registered under that phase's setting (their registrations count there, SPEC 4.2) — CONFLICT.
 */
export async function updateEvent(
  ctx: Context,
  input: UpdateEventInput,
  granted: GrantedEvent,
): Promise<EventView> {
  const locale = ctx.platform.defaultLocale;
  const set: Partial<typeof events.$inferInsert> = {};
  if (input.title !== undefined) set.title = toLocalizedText(input.title, locale);
  if (input.description !== undefined) {
    set.description = input.description === null ? {} : toLocalizedText(input.description, locale);
  }
  for (const key of ['phaseId', 'location', 'onlineUrl', 'startAt', 'endAt', 'capacity'] as const) {
    if (input[key] !== undefined) Object.assign(set, { [key]: input[key] });
  }
  await ctx.db.transaction(async (tx) => {
    const { event: current, taken } = await lockEvent(tx, granted.id);
    if (set.phaseId !== undefined && set.phaseId !== current.phaseId) {
      if (taken > 0) {
        throw new AppError(
          'CONFLICT',
          `phaseId: ${taken} people registered under the current phase: it stays`,
        );
      }
      if (set.phaseId !== null) await requirePhaseOf(tx, current.projectId, set.phaseId);
    }
    if (set.capacity != null && set.capacity < taken) {
      throw new AppError(
        'CONFLICT',
        `capacity: ${taken} people registered already: no fewer places than that`,
      );
    }
    const problem = eventTimesProblem({ ...current, ...set });
    if (problem) throw new AppError('BAD_REQUEST', `endAt: ${problem}`);
    await tx.update(events).set(set).where(eq(events.id, current.id));
  });
  return eventView(ctx, granted.id);
}

/**
 * An event deleted with its registrations; each stops counting towards its phase's cap per
 * person, so those registered may register for another event instead. Locked first, so no
 * registration arrives uncounted in between.
 */
export async function deleteEvent(ctx: Context, granted: GrantedEvent): Promise<{ id: string }> {
  await ctx.db.transaction(async (tx) => {
    const { event } = await lockEvent(tx, granted.id);
    const gone = await tx
      .delete(eventRegistrations)
      .where(eq(eventRegistrations.eventId, event.id))
      .returning({ userId: eventRegistrations.userId });
    if (event.phaseId !== null) {
      for (const { userId } of gone) {
        await uncountParticipation(tx, ctx, { phaseId: event.phaseId, action: 'attend', userId });
      }
    }
    await tx.delete(events).where(eq(events.id, event.id));
  });
  return { id: granted.id };
}

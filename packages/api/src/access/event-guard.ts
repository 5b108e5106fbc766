import { and, eq } from 'drizzle-orm';
import type { ActionOn } from '@samrad/core';
import { eventRegistrations, events } from '@samrad/db';
import type { Context } from '../context.js';
import { AppError } from '../errors.js';
import { onProject, type Guard, type GrantedProject } from './guards.js';
import {
  toParticipate,
  type PhaseParticipation,
  type StoredSetting,
} from './participation-guard.js';

export type GrantedEvent = typeof events.$inferSelect;

async function loadEvent(ctx: Context, id: string): Promise<GrantedEvent> {
  const [event] = await ctx.db
    .select()
    .from(events)
    .where(and(eq(events.platformId, ctx.platform.id), eq(events.id, id)));
  // As an event of an invisible project answers: neither tells on the other.
  if (!event) throw new AppError('NOT_FOUND', 'Not found');
  return event;
}

/** An action on an event, decided on its project as the project itself is. */
export function onEvent<TInput>(
  action: ActionOn<'project'>,
  eventIdOf: (input: TInput) => string,
): Guard<TInput, { event: GrantedEvent; project: GrantedProject }> {
  return {
    access: `${action} (on the event’s project)`,
    async check(ctx, input) {
      const event = await loadEvent(ctx, eventIdOf(input));
      const { project } = await onProject<TInput>(action, () => event.projectId).check(ctx, input);
      return { event, project };
    },
  };
}

/** Whether the caller is registered already: registering again is no new act, whatever the cap. */
async function isRegistered(ctx: Context, event: GrantedEvent): Promise<boolean> {
  const user = ctx.viewer.user;
  if (!user) return false;
  const [row] = await ctx.db
    .select({ userId: eventRegistrations.userId })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.userId, user.id)));
  return row !== undefined;
}

/**
 * Registering for an event (SPEC 4.1 *register for an event*): an event of a phase takes
 * registrations as the policy lets the caller `attend` in that phase. An event outside any phase
 * is announced only: no phase setting says who may register, so nobody may (FORBIDDEN,
 * `action_not_enabled`, once the project is known to be visible — else NOT_FOUND like any).
 */
export function toAttend<TInput>(
  eventIdOf: (input: TInput) => string,
): Guard<
  TInput,
  { event: GrantedEvent; participation: PhaseParticipation; setting: StoredSetting }
> {
  const participate = toParticipate<GrantedEvent>(
    'attend',
    (event) => event.phaseId!,
    isRegistered,
  );
  return {
    access: `${participate.access} in the event’s phase`,
    async check(ctx, input) {
      const event = await loadEvent(ctx, eventIdOf(input));
      if (event.phaseId === null) {
        await onProject<TInput>('project.read', () => event.projectId).check(ctx, input);
        throw new AppError(
          'FORBIDDEN',
          'this event belongs to no phase: it takes no registrations',
          'action_not_enabled',
        );
      }
      return { event, ...(await participate.check(ctx, event)) };
    },
  };
}

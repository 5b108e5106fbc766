import { and, eq } from 'drizzle-orm';
import type { ActionOn } from '@samrad/core';
import { volunteeringCauses } from '@samrad/db';
import type { Context } from '../context.js';
import { AppError } from '../errors.js';
import type { Guard, GrantedProject } from './guards.js';
import {
  toParticipate,
  type PhaseParticipation,
  type StoredSetting,
} from './participation-guard.js';
import { onPhase, type GrantedPhase } from './phase-guard.js';

export type GrantedCause = typeof volunteeringCauses.$inferSelect;

async function loadCause(ctx: Context, id: string): Promise<GrantedCause> {
  const [cause] = await ctx.db
    .select()
    .from(volunteeringCauses)
    .where(and(eq(volunteeringCauses.platformId, ctx.platform.id), eq(volunteeringCauses.id, id)));
  // As a phase in an invisible project answers: neither tells on the other.
  if (!cause) throw new AppError('NOT_FOUND', 'Not found');
  return cause;
}

/** An action on a volunteering cause, decided on its phase's project as the phase itself is. */
export function onCause<TInput>(
  action: ActionOn<'project'>,
  causeIdOf: (input: TInput) => string,
): Guard<TInput, { cause: GrantedCause; phase: GrantedPhase; project: GrantedProject }> {
  return {
    access: `${action} (on the cause’s project)`,
    async check(ctx, input) {
      const cause = await loadCause(ctx, causeIdOf(input));
      return { cause, ...(await onPhase<TInput>(action, () => cause.phaseId).check(ctx, input)) };
    },
  };
}

/** Volunteering for a cause: the policy lets the caller `volunteer` in the cause's phase. */
export function toVolunteer<TInput>(
  causeIdOf: (input: TInput) => string,
): Guard<
  TInput,
  { cause: GrantedCause; participation: PhaseParticipation; setting: StoredSetting }
> {
  const participate = toParticipate<GrantedCause>('volunteer', (cause) => cause.phaseId);
  return {
    access: `${participate.access} in the cause’s phase`,
    async check(ctx, input) {
      const cause = await loadCause(ctx, causeIdOf(input));
      return { cause, ...(await participate.check(ctx, cause)) };
    },
  };
}

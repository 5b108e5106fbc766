import {
  participationActions,
  type ParticipationAction,
  type ParticipationReason,
} from '@samrad/core';
import { decideIn, type PhaseParticipation } from '../../access/participation-guard.js';
import type { Context } from '../../context.js';

export type Abilities = Record<
  ParticipationAction,
  { allowed: boolean; reason?: ParticipationReason; message?: string }
>;

/**
 * API.md `participation.abilities` (SPEC 4.3): for the caller and a phase, every action with
 * whether it is allowed and, when not, the one reason a widget turns into the next step. The
 * same decision each participation mutation makes again.
 */
export async function abilities(
  ctx: Context,
  participation: PhaseParticipation,
): Promise<Abilities> {
  const subject = await ctx.subject();
  const result = {} as Abilities;
  for (const action of participationActions) {
    const decision = decideIn(subject, participation, action);
    result[action] = decision.allowed
      ? { allowed: true }
      : { allowed: false, reason: decision.reason!, message: decision.trace.at(-1) ?? '' };
  }
  return result;
}

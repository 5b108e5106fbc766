import { and, eq } from 'drizzle-orm';
import type { ActionOn } from '@samrad/core';
import { phases } from '@samrad/db';
import type { Context } from '../context.js';
import { AppError } from '../errors.js';
import { onProject, type Guard, type GrantedProject } from './guards.js';

export type GrantedPhase = typeof phases.$inferSelect;

/**
 * An action on a phase, decided on its project (the policy's phase actions are project actions:
 * `phase.manage`, `project.read`, …). A phase that is missing, on another platform, or in a
 * project the caller may not see is `NOT_FOUND` alike.
 */
export function onPhase<TInput>(
  action: ActionOn<'project'>,
  phaseIdOf: (input: TInput) => string,
): Guard<TInput, { phase: GrantedPhase; project: GrantedProject }> {
  return {
    access: `${action} (on the phase’s project)`,
    async check(ctx, input) {
      const phase = await loadPhase(ctx, phaseIdOf(input));
      // The project's own guard, so a phase is decided exactly as its project is.
      const { project } = await onProject<TInput>(action, () => phase.projectId).check(ctx, input);
      return { phase, project };
    },
  };
}

async function loadPhase(ctx: Context, id: string): Promise<GrantedPhase> {
  const [phase] = await ctx.db
    .select()
    .from(phases)
    .where(and(eq(phases.platformId, ctx.platform.id), eq(phases.id, id)));
  // The very answer a phase in an invisible project gets (`denial`), so neither tells on the other.
  if (!phase) throw new AppError('NOT_FOUND', 'Not found');
  return phase;
}

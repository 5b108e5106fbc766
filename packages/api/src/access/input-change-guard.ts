import { and, eq } from 'drizzle-orm';
import { decideInputChange, type InputChange } from '@samrad/core';
import { inputs, phases, projects } from '@samrad/db';
import type { Context } from '../context.js';
import { AppError, notFound } from '../errors.js';
import type { Guard } from './guards.js';
import { projectFactsColumns, toProjectFacts } from './project-facts.js';

export interface ChangedInput {
  id: string;
  phaseId: string;
  authorId: string | null;
}

/**
 * Editing, deleting or moderating an input (`decideInputChange` in `@samrad/core`): its author
 * while the phase is open, those who moderate the project for hiding and deleting. An input the
 * caller cannot see is NOT_FOUND.
 */
export function onInputChange<TInput>(
  change: InputChange,
  inputIdOf: (input: TInput) => string,
): Guard<TInput, { input: ChangedInput }> {
  return {
    access: `input.moderate or its author while the phase is open (${change})`,
    async check(ctx, input) {
      const [row] = await ctx.db
        .select({
          id: inputs.id,
          phaseId: inputs.phaseId,
          authorId: inputs.authorId,
          moderation: inputs.moderation,
          startAt: phases.startAt,
          endAt: phases.endAt,
          ...projectFactsColumns,
        })
        .from(inputs)
        .innerJoin(phases, eq(phases.id, inputs.phaseId))
        .innerJoin(projects, eq(projects.id, inputs.projectId))
        .where(and(eq(inputs.platformId, ctx.platform.id), eq(inputs.id, inputIdOf(input))));
      if (!row) throw notFound('Input');
      await enforceInputChange(ctx, row, change, 'Input');
      return { input: { id: row.id, phaseId: row.phaseId, authorId: row.authorId } };
    },
  };
}

/** What deciding a change needs of an input (or of a comment on it: its author, the input's project). */
export type ChangeFacts = Parameters<typeof toProjectFacts>[0] & {
  authorId: string | null;
  moderation: 'visible' | 'hidden';
  startAt: Date;
  endAt: Date | null;
};

/** Throws the API error of a refused change: NOT_FOUND for what the caller cannot see. */
export async function enforceInputChange(
  ctx: Context,
  row: ChangeFacts,
  change: InputChange,
  what: string,
): Promise<void> {
  const now = Date.now();
  const decision = decideInputChange(
    await ctx.subject(),
    {
      project: toProjectFacts(row),
      hidden: row.moderation === 'hidden',
      authorId: row.authorId,
      phaseOpen: row.startAt.getTime() <= now && (row.endAt === null || row.endAt.getTime() > now),
    },
    change,
  );
  if (decision.allowed) return;
  if (decision.reason === 'not_visible' || decision.reason === 'not_a_member') throw notFound(what);
  throw new AppError(
    'FORBIDDEN',
    decision.trace.at(-1) ?? 'not allowed',
    decision.reason ?? undefined,
  );
}

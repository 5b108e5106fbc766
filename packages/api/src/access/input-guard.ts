import { and, eq } from 'drizzle-orm';
import { decide, type InputFacts } from '@samrad/core';
import { inputs, projects } from '@samrad/db';
import { notFound } from '../errors.js';
import { enforce } from './guard.js';
import type { Guard } from './guards.js';
import { projectFactsColumns, toProjectFacts } from './project-facts.js';

export type GrantedInput = InputFacts & { id: string; phaseId: string; authorId: string | null };

/** An action on an input found by id (`input.read`…): missing or invisible is `NOT_FOUND`. */
export function onInput<TInput>(
  action: 'input.read',
  inputIdOf: (input: TInput) => string,
): Guard<TInput, { input: GrantedInput }> {
  return {
    access: action,
    async check(ctx, input) {
      const [row] = await ctx.db
        .select({
          id: inputs.id,
          phaseId: inputs.phaseId,
          authorId: inputs.authorId,
          moderation: inputs.moderation,
          ...projectFactsColumns,
        })
        .from(inputs)
        .innerJoin(projects, eq(projects.id, inputs.projectId))
        .where(and(eq(inputs.platformId, ctx.platform.id), eq(inputs.id, inputIdOf(input))));
      if (!row) throw notFound('Input');
      const facts: GrantedInput = {
        id: row.id,
        phaseId: row.phaseId,
        authorId: row.authorId,
        hidden: row.moderation === 'hidden',
        project: toProjectFacts(row),
      };
      enforce(decide(await ctx.subject(), action, { type: 'input', input: facts }));
      return { input: facts };
    },
  };
}

import { and, eq } from 'drizzle-orm';
import { decide, type InputFacts } from '@samrad/core';
import { inputImages, inputs, projects } from '@samrad/db';
import type { Context } from '../context.js';
import { notFound } from '../errors.js';
import { enforce } from './guard.js';
import type { Guard } from './guards.js';
import {
  toParticipate,
  type PhaseParticipation,
  type StoredSetting,
} from './participation-guard.js';
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

/** An image, read as its input is: one of an input the caller cannot read is `NOT_FOUND`. */
export function onInputImage<TInput>(
  imageIdOf: (input: TInput) => string,
): Guard<TInput, { input: GrantedInput; image: { id: string } }> {
  return {
    access: 'input.read (on the image’s input)',
    async check(ctx, input) {
      const [image] = await ctx.db
        .select({ id: inputImages.id, inputId: inputImages.inputId })
        .from(inputImages)
        .where(
          and(eq(inputImages.platformId, ctx.platform.id), eq(inputImages.id, imageIdOf(input))),
        );
      if (!image) throw notFound('Image');
      const granted = await onInput<TInput>('input.read', () => image.inputId).check(ctx, input);
      return { ...granted, image: { id: image.id } };
    },
  };
}

/**
 * Taking part on an input (commenting, reacting): the input must be readable, and the policy
 * lets the caller do `action` in the input's phase (`toParticipate`). `alreadyCounted` tells an
 * act the caller already did on this input (a reaction changed), which a cap does not stop.
 */
export function toParticipateOn<TInput>(
  action: 'comment' | 'react',
  inputIdOf: (input: TInput) => string,
  alreadyCounted: (ctx: Context, inputId: string) => Promise<boolean> = () =>
    Promise.resolve(false),
): Guard<
  TInput,
  { input: GrantedInput; participation: PhaseParticipation; setting: StoredSetting }
> {
  const participate = toParticipate<GrantedInput>(
    action,
    (target) => target.phaseId,
    (ctx, target) => alreadyCounted(ctx, target.id),
  );
  const read = onInput<TInput>('input.read', inputIdOf);
  return {
    access: `${participate.access} in the input's phase, on a readable input`,
    async check(ctx, input) {
      const { input: target } = await read.check(ctx, input);
      return { input: target, ...(await participate.check(ctx, target)) };
    },
  };
}

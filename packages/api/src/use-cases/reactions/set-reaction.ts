import { and, eq, sql } from 'drizzle-orm';
import type { SetReactionInput } from '@samrad/core';
import { inputs, reactions } from '@samrad/db';
import type { GrantedInput } from '../../access/input-guard.js';
import type { PhaseParticipation, StoredSetting } from '../../access/participation-guard.js';
import type { Context } from '../../context.js';
import { unauthorized } from '../../errors.js';
import { countParticipation, uncountParticipation } from '../inputs/contribution.js';

/** Whether the caller already reacted to the input: changing a reaction is not a new act. */
export async function hasReacted(ctx: Context, inputId: string): Promise<boolean> {
  const user = ctx.viewer.user;
  if (!user) return false;
  const [row] = await ctx.db
    .select({ kind: reactions.kind })
    .from(reactions)
    .where(and(eq(reactions.inputId, inputId), eq(reactions.userId, user.id)));
  return row !== undefined;
}

const counter = { up: inputs.reactionsUp, down: inputs.reactionsDown } as const;

/**
 * SPEC 4.1 *react*, decided by the guard (`toParticipateOn('react')`): up, down, or taken back,
 * one per person per input. A reaction is one person's by nature (core `actionsWithoutAuthor`),
 * so it carries its user. Reactions to one input are taken one at a time (the input's row is
 * locked) and its counters move in the same transaction, so racing clicks never count twice.
 */
export async function setReaction(
  ctx: Context,
  input: SetReactionInput,
  granted: { input: GrantedInput; participation: PhaseParticipation; setting: StoredSetting },
): Promise<{ reactions: { up: number; down: number }; mine: 'up' | 'down' | null }> {
  const user = ctx.viewer.user;
  if (!user) throw unauthorized();
  const inputId = granted.input.id;
  const byMe = and(eq(reactions.inputId, inputId), eq(reactions.userId, user.id));
  const counts = await ctx.db.transaction(async (tx) => {
    // The counters below lock the input anyway; taking that lock first orders racing clicks.
    await tx.select({ id: inputs.id }).from(inputs).where(eq(inputs.id, inputId)).for('update');
    const [current] = await tx.select({ kind: reactions.kind }).from(reactions).where(byMe);
    const before = current?.kind ?? null;
    if (before !== input.kind) {
      if (before === null) {
        await countParticipation(tx, ctx, granted, 'react');
        await tx.insert(reactions).values({
          platformId: ctx.platform.id,
          inputId,
          userId: user.id,
          kind: input.kind!,
        });
      } else if (input.kind === null) {
        await tx.delete(reactions).where(byMe);
        await uncountParticipation(tx, ctx, {
          phaseId: granted.participation.phase.id,
          action: 'react',
          userId: user.id,
        });
      } else {
        await tx.update(reactions).set({ kind: input.kind }).where(byMe);
      }
      await tx
        .update(inputs)
        .set({
          ...(before
            ? { [before === 'up' ? 'reactionsUp' : 'reactionsDown']: sql`${counter[before]} - 1` }
            : {}),
          ...(input.kind
            ? {
                [input.kind === 'up' ? 'reactionsUp' : 'reactionsDown']:
                  sql`${counter[input.kind]} + 1`,
              }
            : {}),
        })
        .where(eq(inputs.id, inputId));
    }
    const [row] = await tx
      .select({ up: inputs.reactionsUp, down: inputs.reactionsDown })
      .from(inputs)
      .where(eq(inputs.id, inputId));
    return row!;
  });
  return { reactions: counts, mine: input.kind };
}

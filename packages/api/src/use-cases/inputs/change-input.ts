import { eq } from 'drizzle-orm';
import type { ModerateInputInput, UpdateInputInput } from '@samrad/core';
import { inputs } from '@samrad/db';
import type { ChangedInput } from '../../access/input-change-guard.js';
import type { Context } from '../../context.js';
import { uncountParticipation } from './contribution.js';
import { prepareUploads, replaceImages } from './images.js';
import { settleReports } from './reports.js';
import { getInput } from './list-inputs.js';
import type { InputView } from './input-view.js';

/** Its author's new words and images (the guard decided `edit`), all or nothing. */
export async function updateInput(ctx: Context, input: UpdateInputInput): Promise<InputView> {
  const { id, images, ...words } = input;
  const uploads = images && (await prepareUploads(images));
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(inputs)
      .set({ ...words, updatedAt: new Date() })
      .where(eq(inputs.id, id));
    if (uploads) await replaceImages(tx, ctx, id, uploads);
  });
  return getInput(ctx, id);
}

/**
 * Gone for good (the guard decided `delete`). When its author deletes it, their post no longer
 * counts towards the phase's cap per person; a moderator's deletion leaves the count as it was.
 */
export async function deleteInput(ctx: Context, input: ChangedInput): Promise<{ id: string }> {
  await ctx.db.transaction(async (tx) => {
    await tx.delete(inputs).where(eq(inputs.id, input.id));
    const user = ctx.viewer.user;
    if (user && input.authorId === user.id) {
      await uncountParticipation(tx, ctx, {
        phaseId: input.phaseId,
        action: 'post',
        userId: user.id,
      });
    }
  });
  return { id: input.id };
}

/**
 * Hidden from residents' listings or shown again, with who did it and why (`moderate`). The
 * decision settles the input's open reports, so shown again it is not hidden by them anew.
 */
export async function moderateInput(ctx: Context, input: ModerateInputInput): Promise<InputView> {
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(inputs)
      .set({
        moderation: input.hidden ? 'hidden' : 'visible',
        moderatedBy: ctx.viewer.user?.id ?? null,
        moderationReason: input.hidden ? (input.reason ?? null) : null,
      })
      .where(eq(inputs.id, input.id));
    await settleReports(tx, ctx, 'input', input.id);
  });
  return getInput(ctx, input.id);
}

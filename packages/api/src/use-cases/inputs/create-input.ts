import { eq } from 'drizzle-orm';
import type { CreateInputInput } from '@samrad/core';
import { inputs, users } from '@samrad/db';
import type { PhaseParticipation, StoredSetting } from '../../access/participation-guard.js';
import type { Context } from '../../context.js';
import { unauthorized } from '../../errors.js';
import { contributionFields, countParticipation } from './contribution.js';
import { prepareImages, storeImages } from './images.js';
import { inputViewColumns, toInputView, type InputView } from './input-view.js';

/** SPEC 4.1 *post*: an idea or proposal in a phase, decided by the guard (`toParticipate`). */
export async function createInput(
  ctx: Context,
  input: CreateInputInput,
  granted: { participation: PhaseParticipation; setting: StoredSetting },
): Promise<InputView> {
  const user = ctx.viewer.user;
  if (!user) throw unauthorized();
  const { phase } = granted.participation;
  const images = await prepareImages(input.images);
  const fields = await contributionFields(ctx.db, user, granted.setting);
  const id = await ctx.db.transaction(async (tx) => {
    await countParticipation(tx, ctx, granted, 'post');
    const [row] = await tx
      .insert(inputs)
      .values({
        platformId: ctx.platform.id,
        projectId: phase.projectId,
        phaseId: phase.id,
        title: input.title,
        body: input.body,
        latitude: input.location?.latitude ?? null,
        longitude: input.location?.longitude ?? null,
        address: input.location?.address ?? null,
        ...fields,
      })
      .returning({ id: inputs.id });
    await storeImages(tx, ctx, row!.id, images);
    return row!.id;
  });
  const [row] = await ctx.db
    .select(inputViewColumns)
    .from(inputs)
    .leftJoin(users, eq(users.id, inputs.authorId))
    .where(eq(inputs.id, id));
  return toInputView(row!);
}

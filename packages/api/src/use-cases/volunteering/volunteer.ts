import { and, eq } from 'drizzle-orm';
import type { ListVolunteersInput } from '@samrad/core';
import { volunteers } from '@samrad/db';
import type { GrantedCause } from '../../access/cause-guard.js';
import type { PhaseParticipation, StoredSetting } from '../../access/participation-guard.js';
import type { Context } from '../../context.js';
import { AppError, unauthorized } from '../../errors.js';
import { countParticipation, uncountParticipation } from '../inputs/contribution.js';
import { listSignUps, type SignUpView } from '../sign-ups.js';
import { causeView, lockCause, type CauseView } from './causes.js';

/**
 * SPEC 4.1 *volunteer*, decided by the guard (`toVolunteer`). Volunteering is one person's by
 * nature (core `actionsWithoutAuthor`): the sign-up names its volunteer, for the managers who
 * organise the cause. Sign-ups for one cause are taken one at a time (its row is locked), so no
 * race fills more places than it has; signing up again changes nothing.
 */
export async function volunteer(
  ctx: Context,
  granted: { cause: GrantedCause; participation: PhaseParticipation; setting: StoredSetting },
): Promise<CauseView> {
  const user = ctx.viewer.user;
  if (!user) throw unauthorized();
  const { cause } = granted;
  await ctx.db.transaction(async (tx) => {
    const { capacity, taken } = await lockCause(tx, cause.id);
    const [mine] = await tx
      .select({ userId: volunteers.userId })
      .from(volunteers)
      .where(and(eq(volunteers.causeId, cause.id), eq(volunteers.userId, user.id)));
    if (mine) return;
    if (capacity !== null && taken >= capacity) {
      throw new AppError('CONFLICT', 'causeId: every place of this cause is taken');
    }
    await countParticipation(tx, ctx, granted, 'volunteer');
    await tx
      .insert(volunteers)
      .values({ platformId: ctx.platform.id, causeId: cause.id, userId: user.id });
  });
  return causeView(ctx, cause.id);
}

/** The caller takes their sign-up back; it no longer counts towards the phase's cap. */
export async function withdraw(ctx: Context, cause: GrantedCause): Promise<CauseView> {
  const user = ctx.viewer.user;
  if (!user) throw unauthorized();
  await ctx.db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(volunteers)
      .where(and(eq(volunteers.causeId, cause.id), eq(volunteers.userId, user.id)))
      .returning({ userId: volunteers.userId });
    if (gone) {
      await uncountParticipation(tx, ctx, {
        phaseId: cause.phaseId,
        action: 'volunteer',
        userId: user.id,
      });
    }
  });
  return causeView(ctx, cause.id);
}

/** Who volunteered for a cause, newest first, for those who may export participant lists. */
export function listVolunteers(
  ctx: Context,
  input: ListVolunteersInput,
  cause: GrantedCause,
): Promise<{ items: SignUpView[]; nextCursor: string | null }> {
  return listSignUps(
    ctx,
    {
      table: volunteers,
      userId: volunteers.userId,
      createdAt: volunteers.createdAt,
      of: eq(volunteers.causeId, cause.id),
    },
    input,
  );
}

import { asc, eq, sql, type SQL } from 'drizzle-orm';
import {
  toLocalizedText,
  type CreateCauseInput,
  type LocalizedText,
  type UpdateCauseInput,
} from '@samrad/core';
import { volunteeringCauses, volunteers, type Database } from '@samrad/db';
import type { GrantedCause } from '../../access/cause-guard.js';
import type { GrantedPhase } from '../../access/phase-guard.js';
import type { Context } from '../../context.js';
import { AppError } from '../../errors.js';
import { uncountParticipation } from '../inputs/contribution.js';

/** What residents and managers see of a cause. */
export interface CauseView {
  id: string;
  phaseId: string;
  title: LocalizedText;
  description: LocalizedText;
  /** Places; null: as many as come. */
  capacity: number | null;
  volunteers: number;
  full: boolean;
  /** The caller volunteered for it. */
  mine: boolean;
}

const volunteerCount = sql<number>`(select count(*)::int from ${volunteers}
  where ${volunteers.causeId} = ${volunteeringCauses.id})`;

/**
 * Locks a cause for the rest of the transaction, then reads how many places are taken — in a
 * statement of its own: under READ COMMITTED a statement that waited for the lock would still
 * count from the snapshot it started with, and let a race past the capacity.
 */
export async function lockCause(
  tx: Database,
  causeId: string,
): Promise<{ capacity: number | null; taken: number }> {
  await tx
    .select({ id: volunteeringCauses.id })
    .from(volunteeringCauses)
    .where(eq(volunteeringCauses.id, causeId))
    .for('update');
  const [counted] = await tx
    .select({ capacity: volunteeringCauses.capacity, taken: volunteerCount })
    .from(volunteeringCauses)
    .where(eq(volunteeringCauses.id, causeId));
  return counted!;
}

/** The causes matching `where`, with their counts and the caller's sign-ups, in one query. */
async function causeViews(db: Database, userId: string | null, where: SQL): Promise<CauseView[]> {
  const rows = await db
    .select({
      id: volunteeringCauses.id,
      phaseId: volunteeringCauses.phaseId,
      title: volunteeringCauses.title,
      description: volunteeringCauses.description,
      capacity: volunteeringCauses.capacity,
      volunteers: volunteerCount,
      mine: userId
        ? sql<boolean>`exists (select 1 from ${volunteers} where ${volunteers.causeId} =
            ${volunteeringCauses.id} and ${volunteers.userId} = ${userId})`
        : sql<boolean>`false`,
    })
    .from(volunteeringCauses)
    .where(where)
    .orderBy(asc(volunteeringCauses.position), asc(volunteeringCauses.createdAt));
  return rows.map((row) => ({
    ...row,
    full: row.capacity !== null && row.volunteers >= row.capacity,
  }));
}

/** A volunteering phase's causes, in their managers' order. */
export function listCauses(ctx: Context, phase: GrantedPhase): Promise<CauseView[]> {
  return causeViews(ctx.db, ctx.viewer.user?.id ?? null, eq(volunteeringCauses.phaseId, phase.id));
}

export async function causeView(ctx: Context, id: string): Promise<CauseView> {
  const [view] = await causeViews(
    ctx.db,
    ctx.viewer.user?.id ?? null,
    eq(volunteeringCauses.id, id),
  );
  return view!;
}

/** A new cause, last in its phase; volunteering phases only. */
export async function createCause(
  ctx: Context,
  input: CreateCauseInput,
  phase: GrantedPhase,
): Promise<CauseView> {
  if (phase.method !== 'volunteering') {
    throw new AppError('BAD_REQUEST', 'phaseId: not a volunteering phase');
  }
  const locale = ctx.platform.defaultLocale;
  const [cause] = await ctx.db
    .insert(volunteeringCauses)
    .values({
      platformId: ctx.platform.id,
      phaseId: phase.id,
      title: toLocalizedText(input.title, locale),
      description: input.description ? toLocalizedText(input.description, locale) : {},
      capacity: input.capacity ?? null,
      position: sql`(select coalesce(max(${volunteeringCauses.position}) + 1, 0)
        from ${volunteeringCauses} where ${volunteeringCauses.phaseId} = ${phase.id})`,
    })
    .returning({ id: volunteeringCauses.id });
  return causeView(ctx, cause!.id);
}

/**
 * A cause changed by its phase's managers. Its places never drop below those already taken:
 * nobody who volunteered is turned away afterwards (CONFLICT). The cause is locked meanwhile, so
 * a sign-up cannot slip in between the count and the change.
 */
export async function updateCause(
  ctx: Context,
  input: UpdateCauseInput,
  cause: GrantedCause,
): Promise<CauseView> {
  const locale = ctx.platform.defaultLocale;
  await ctx.db.transaction(async (tx) => {
    const locked = await lockCause(tx, cause.id);
    if (input.capacity != null && input.capacity < locked.taken) {
      throw new AppError(
        'CONFLICT',
        `capacity: ${locked.taken} people volunteered already: no fewer places than that`,
      );
    }
    await tx
      .update(volunteeringCauses)
      .set({
        ...(input.title === undefined ? {} : { title: toLocalizedText(input.title, locale) }),
        ...(input.description === undefined
          ? {}
          : { description: toLocalizedText(input.description, locale) }),
        ...(input.capacity === undefined ? {} : { capacity: input.capacity }),
        ...(input.position === undefined ? {} : { position: input.position }),
      })
      .where(eq(volunteeringCauses.id, cause.id));
  });
  return causeView(ctx, cause.id);
}

/**
 * A cause deleted with its sign-ups; each volunteer's sign-up stops counting towards the phase's
 * cap per person, so they may volunteer for another cause instead.
 */
export async function deleteCause(ctx: Context, cause: GrantedCause): Promise<{ id: string }> {
  await ctx.db.transaction(async (tx) => {
    const gone = await tx
      .delete(volunteers)
      .where(eq(volunteers.causeId, cause.id))
      .returning({ userId: volunteers.userId });
    for (const { userId } of gone) {
      await uncountParticipation(tx, ctx, { phaseId: cause.phaseId, action: 'volunteer', userId });
    }
    await tx.delete(volunteeringCauses).where(eq(volunteeringCauses.id, cause.id));
  });
  return { id: cause.id };
}

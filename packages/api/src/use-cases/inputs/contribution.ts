import { and, eq, sql } from 'drizzle-orm';
import { takesPartAsManager, type DataCollection, type ParticipationAction } from '@samrad/core';
import {
  participationMarkers,
  registrationAnswers,
  registrationQuestions,
  type Database,
  type Demographics,
} from '@samrad/db';
import {
  markerHash,
  type PhaseParticipation,
  type StoredSetting,
} from '../../access/participation-guard.js';
import type { Context, SessionUser } from '../../context.js';
import { AppError } from '../../errors.js';

/**
 * What a contribution carries about its person, by the phase's data collection (SPEC 4.4): all
 * of it — the author; demographics only — the registration answers, no author; full anonymity —
 * nothing. Under the last two, times are the day's start, so no time links it to anyone.
 */
export interface ContributionFields {
  authorId: string | null;
  dataCollection: DataCollection;
  demographics: Demographics | null;
  createdAt: Date;
  updatedAt: Date;
}

const startOfDay = (at: Date) =>
  new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));

export async function contributionFields(
  db: Database,
  user: SessionUser,
  setting: StoredSetting,
): Promise<ContributionFields> {
  const now = new Date();
  switch (setting.dataCollection) {
    case 'all':
      return {
        authorId: user.id,
        dataCollection: 'all',
        demographics: null,
        createdAt: now,
        updatedAt: now,
      };
    case 'demographics': {
      const answers = await db
        .select({ key: registrationQuestions.key, value: registrationAnswers.value })
        .from(registrationAnswers)
        .innerJoin(
          registrationQuestions,
          eq(registrationQuestions.id, registrationAnswers.questionId),
        )
        .where(
          and(eq(registrationAnswers.userId, user.id), eq(registrationQuestions.enabled, true)),
        );
      const day = startOfDay(now);
      return {
        authorId: null,
        dataCollection: 'demographics',
        demographics: Object.fromEntries(answers.map((a) => [a.key, a.value])),
        createdAt: day,
        updatedAt: day,
      };
    }
    case 'anonymous': {
      const day = startOfDay(now);
      return {
        authorId: null,
        dataCollection: 'anonymous',
        demographics: null,
        createdAt: day,
        updatedAt: day,
      };
    }
  }
}

/**
 * The double envelope (SPEC 4.4): counts that the caller took this action in the phase, in the
 * contribution's transaction, under the keyed hash of (user, phase) — no time, no reference to
 * the contribution. The per-person cap holds under concurrency: the count only moves below it,
 * so of two racing tries past the cap, one is refused (`limit_reached`). Those who manage the
 * project take part as a test: not counted, not capped (SPEC 2.3).
 */
export async function countParticipation(
  tx: Database,
  ctx: Context,
  granted: { participation: PhaseParticipation; setting: StoredSetting },
  action: ParticipationAction,
  /** Once per person, managers included (a ballot that nothing links to its voter). */
  options: { once?: boolean } = {},
): Promise<void> {
  const { participation, setting } = granted;
  if (!participation.subjectHash) return;
  if (!options.once && takesPartAsManager(await ctx.subject(), participation.project)) return;
  const cap = options.once ? 1 : setting.facts.maxPerPerson;
  const [counted] = await tx
    .insert(participationMarkers)
    .values({
      platformId: ctx.platform.id,
      phaseId: participation.phase.id,
      action,
      subjectHash: participation.subjectHash,
      count: 1,
    })
    .onConflictDoUpdate({
      target: [
        participationMarkers.phaseId,
        participationMarkers.action,
        participationMarkers.subjectHash,
      ],
      set: { count: sql`${participationMarkers.count} + 1` },
      ...(cap === null ? {} : { setWhere: sql`${participationMarkers.count} < ${cap}` }),
    })
    .returning({ count: participationMarkers.count });
  if (!counted) {
    throw options.once
      ? new AppError('FORBIDDEN', 'already done in this phase', 'already_done')
      : new AppError('FORBIDDEN', `at most ${cap} per person in this phase`, 'limit_reached');
  }
}

/**
 * Takes one of the caller's counted acts back (their own post deleted, their reaction taken
 * back), so that it no longer counts towards the cap: a marker of one act goes, one of several
 * counts one less.
 */
export async function uncountParticipation(
  tx: Database,
  ctx: Context,
  input: { phaseId: string; action: ParticipationAction; userId: string },
): Promise<void> {
  const mine = and(
    eq(participationMarkers.phaseId, input.phaseId),
    eq(participationMarkers.action, input.action),
    eq(participationMarkers.subjectHash, markerHash(ctx, input.phaseId, input.userId)),
  );
  const [gone] = await tx
    .delete(participationMarkers)
    .where(and(mine, eq(participationMarkers.count, 1)))
    .returning({ count: participationMarkers.count });
  if (!gone) {
    await tx
      .update(participationMarkers)
      .set({ count: sql`${participationMarkers.count} - 1` })
      .where(and(mine, sql`${participationMarkers.count} > 1`));
  }
}

import { and, eq } from 'drizzle-orm';
import { phaseSettingsProblem, toLocalizedText, type UpdatePhaseInput } from '@samrad/core';
import { phases } from '@samrad/db';
import type { GrantedPhase } from '../../access/phase-guard.js';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, SessionUser } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import { readManagedPhase, type ManagedParticipation, type PhaseView } from './phase-view.js';
import { lockTimeline, refuseOverlap } from './phase-timeline.js';

/** Fields taken as they come: null clears them. */
const plainFields = [
  'startAt',
  'endAt',
  'votingMethod',
  'votingMaxChoices',
  'votingBudget',
  'reverificationDays',
] as const;

/**
 * Changes a phase (the guard decided `phase.manage` on its project). The input cannot name its
 * project, platform or method; the merged phase must be consistent and fit the project's
 * timeline. Audited with the changed fields before and after.
 */
export async function updatePhase(
  ctx: Context & { user: SessionUser },
  input: UpdatePhaseInput,
  granted: GrantedPhase,
): Promise<PhaseView<ManagedParticipation>> {
  const platformId = ctx.platform.id;
  const locale = ctx.platform.defaultLocale;
  const set: Partial<typeof phases.$inferInsert> = {};
  // A text replaces the phase's text whole: a plain string is that text in the default locale.
  if (input.title !== undefined) set.title = toLocalizedText(input.title, locale);
  if (input.description !== undefined) {
    set.description = input.description === null ? {} : toLocalizedText(input.description, locale);
  }
  for (const key of plainFields) {
    if (input[key] !== undefined) Object.assign(set, { [key]: input[key] });
  }
  return ctx.db.transaction(async (tx) => {
    await lockTimeline(tx, granted.projectId);
    // Read again under lock: the guard's copy may be out of date by now.
    const [current] = await tx
      .select()
      .from(phases)
      .where(and(eq(phases.platformId, platformId), eq(phases.id, input.id)))
      .for('no key update');
    if (!current) throw notFound('Phase');
    const next = { ...current, ...set };
    const problem = phaseSettingsProblem(next);
    if (problem) throw new AppError('BAD_REQUEST', `${problem.field}: ${problem.message}`);
    if (set.startAt !== undefined || set.endAt !== undefined) {
      await refuseOverlap(tx, {
        projectId: current.projectId,
        startAt: next.startAt,
        endAt: next.endAt,
        exceptId: current.id,
      });
    }
    await tx.update(phases).set(set).where(eq(phases.id, current.id));
    const keys = Object.keys(set) as (keyof typeof set)[];
    await writeAudit(tx, {
      platformId,
      actor: ctx.user,
      action: 'phase.update',
      targetType: 'phase',
      targetId: current.id,
      projectId: current.projectId,
      before: Object.fromEntries(keys.map((key) => [key, current[key]])),
      after: Object.fromEntries(keys.map((key) => [key, next[key]])),
    });
    return readManagedPhase(tx, platformId, current.id);
  });
}

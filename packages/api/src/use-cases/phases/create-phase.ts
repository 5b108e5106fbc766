import {
  defaultActionsOfMethod,
  toLocalizedText,
  type CreatePhaseInput,
  type ProjectFacts,
} from '@samrad/core';
import { participationSettings, phases } from '@samrad/db';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, SessionUser } from '../../context.js';
import { readManagedPhase, type ManagedParticipation, type PhaseView } from './phase-view.js';
import { lockTimeline, refuseOverlap } from './phase-timeline.js';

/**
 * A new phase of a project (the guard decided `phase.manage`), with the participation settings
 * its method offers by default, so it works once created; audited with the change.
 */
export async function createPhase(
  ctx: Context & { user: SessionUser },
  input: CreatePhaseInput,
  project: ProjectFacts,
): Promise<PhaseView<ManagedParticipation>> {
  const platformId = ctx.platform.id;
  const endAt = input.endAt ?? null;
  return ctx.db.transaction(async (tx) => {
    await lockTimeline(tx, project.id);
    await refuseOverlap(tx, { projectId: project.id, startAt: input.startAt, endAt });
    const [phase] = await tx
      .insert(phases)
      .values({
        platformId,
        projectId: project.id,
        title: toLocalizedText(input.title, ctx.platform.defaultLocale),
        description: input.description
          ? toLocalizedText(input.description, ctx.platform.defaultLocale)
          : {},
        method: input.method,
        startAt: input.startAt,
        endAt,
        votingMethod: input.votingMethod ?? null,
        votingMaxChoices: input.votingMaxChoices ?? null,
        votingBudget: input.votingBudget ?? null,
        reverificationDays: input.reverificationDays ?? null,
      })
      .returning({ id: phases.id });
    const defaults = defaultActionsOfMethod[input.method];
    if (defaults.length > 0) {
      // The settings' own defaults: enabled, for full accounts, all data.
      await tx
        .insert(participationSettings)
        .values(defaults.map((action) => ({ platformId, phaseId: phase!.id, action })));
    }
    const view = await readManagedPhase(tx, platformId, phase!.id);
    await writeAudit(tx, {
      platformId,
      actor: ctx.user,
      action: 'phase.create',
      targetType: 'phase',
      targetId: view.id,
      projectId: project.id,
      before: null,
      after: view,
    });
    return view;
  });
}

import type { SetProjectStatusInput } from '@samrad/core';
import { onProject, type GrantedProject, type Guard } from '../../access/guards.js';
import type { Context, SessionUser } from '../../context.js';
import { AppError } from '../../errors.js';
import type { ProjectDetails } from './get-project.js';
import { changeProject } from './change-project.js';
import { lockProject, projectAfterChange } from './managed-project.js';

/**
 * Publish, archive or set back to draft (SPEC 3.1), once `onStatusChange` decided — publishing
 * refuses a project manager the first publication (`review_required`, SPEC 2.3). Each
 * publication dates `publishedAt`; the first one also `firstPublishedAt`, after which managers
 * republish without review, and it settles a review still waiting. Audited.
 */
export async function setProjectStatus(
  ctx: Context & { user: SessionUser },
  input: SetProjectStatusInput,
): Promise<ProjectDetails> {
  await ctx.db.transaction(async (tx) => {
    const current = await lockProject(tx, ctx.platform.id, input.id);
    if (current.status === input.status) return;
    if (input.status === 'archived' && current.firstPublishedAt === null) {
      // Archived means "was public, now read-only": a project never published has nothing to keep.
      throw new AppError('CONFLICT', 'status: a project never published cannot be archived');
    }
    const now = new Date();
    const first = input.status === 'published' && current.firstPublishedAt === null;
    const change = {
      status: input.status,
      ...(input.status === 'published' ? { publishedAt: now } : {}),
      ...(first ? { firstPublishedAt: now } : {}),
      ...(first && current.reviewStatus === 'requested'
        ? { reviewStatus: 'approved' as const }
        : {}),
    };
    await changeProject(tx, ctx, input.id, {
      action: 'project.setStatus',
      set: change,
      before: {
        status: current.status,
        ...(change.reviewStatus ? { reviewStatus: current.reviewStatus } : {}),
      },
    });
  });
  return projectAfterChange(ctx, input.id);
}

/**
 * `project.publish` decides publishing and archiving; going back to draft is `project.unpublish`
 * (SPEC 2.2: folder managers set unused projects back to draft; project managers archive).
 */
export function onStatusChange(): Guard<SetProjectStatusInput, { project: GrantedProject }> {
  const publish = onProject('project.publish', (input: SetProjectStatusInput) => input.id);
  const unpublish = onProject('project.unpublish', (input: SetProjectStatusInput) => input.id);
  return {
    access: `${publish.access} (${unpublish.access} back to draft)`,
    check: (ctx, input) => (input.status === 'draft' ? unpublish : publish).check(ctx, input),
  };
}

import type { RequestReviewInput } from '@samrad/core';
import type { Context, SessionUser } from '../../context.js';
import { AppError } from '../../errors.js';
import type { ProjectDetails } from './get-project.js';
import { changeProject } from './change-project.js';
import { lockProject, projectAfterChange } from './managed-project.js';

/**
 * SPEC 2.3: asks an admin or a folder manager above to approve the first publication, once the
 * guard decided `project.requestReview` (refused, `already_published`, after a first
 * publication). The message is kept as the review's last word until a reviewer answers. Audited.
 */
export async function requestReview(
  ctx: Context & { user: SessionUser },
  input: RequestReviewInput,
): Promise<ProjectDetails> {
  await ctx.db.transaction(async (tx) => {
    const current = await lockProject(tx, ctx.platform.id, input.id);
    if (current.reviewStatus === 'requested') {
      throw new AppError('CONFLICT', 'a review of this project is already requested');
    }
    const change = { reviewStatus: 'requested' as const, reviewComment: input.message ?? null };
    await changeProject(tx, ctx, input.id, {
      action: 'project.requestReview',
      set: change,
      before: { reviewStatus: current.reviewStatus },
    });
  });
  return projectAfterChange(ctx, input.id);
}

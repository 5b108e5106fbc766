import type { DecideReviewInput } from '@samrad/core';
import type { Context, SessionUser } from '../../context.js';
import { AppError } from '../../errors.js';
import type { ProjectDetails } from './get-project.js';
import { changeProject } from './change-project.js';
import { lockProject, projectAfterChange } from './managed-project.js';

/**
 * SPEC 2.3: an admin or a folder manager above (the guard decided `project.approve`) answers a
 * requested review: approving publishes the project for the first time; returning sends it back
 * to its managers with a comment. Decided under lock, so two reviewers cannot both answer.
 */
export async function decideReview(
  ctx: Context & { user: SessionUser },
  input: DecideReviewInput,
): Promise<ProjectDetails> {
  await ctx.db.transaction(async (tx) => {
    const current = await lockProject(tx, ctx.platform.id, input.id);
    if (current.reviewStatus !== 'requested') {
      throw new AppError('CONFLICT', 'no review of this project is waiting for a decision');
    }
    const now = new Date();
    const change =
      input.decision === 'approve'
        ? {
            reviewStatus: 'approved' as const,
            reviewComment: input.comment ?? null,
            status: 'published' as const,
            publishedAt: now,
            firstPublishedAt: now,
          }
        : { reviewStatus: 'returned' as const, reviewComment: input.comment ?? null };
    await changeProject(tx, ctx, input.id, {
      action: 'project.decideReview',
      set: change,
      before: { reviewStatus: current.reviewStatus, status: current.status },
      after: { decision: input.decision, ...change },
    });
  });
  return projectAfterChange(ctx, input.id);
}

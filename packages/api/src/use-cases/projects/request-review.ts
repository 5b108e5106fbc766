import { and, eq } from 'drizzle-orm';
import type { RequestReviewInput } from '@samrad/core';
import { projects } from '@samrad/db';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, SessionUser } from '../../context.js';
import { AppError } from '../../errors.js';
import type { ProjectDetails } from './get-project.js';
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
    await tx
      .update(projects)
      .set(change)
      .where(and(eq(projects.platformId, ctx.platform.id), eq(projects.id, input.id)));
    await writeAudit(tx, {
      platformId: ctx.platform.id,
      actor: ctx.user,
      action: 'project.requestReview',
      targetType: 'project',
      targetId: input.id,
      projectId: input.id,
      before: { reviewStatus: current.reviewStatus },
      after: change,
    });
  });
  return projectAfterChange(ctx, input.id);
}

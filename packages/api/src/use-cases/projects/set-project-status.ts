import type { SetProjectStatusInput } from '@samrad/core';
import type { Context, SessionUser } from '../../context.js';
import { AppError } from '../../errors.js';
import type { ProjectDetails } from './get-project.js';
import { changeProject } from './change-project.js';
import { lockProject, projectAfterChange } from './managed-project.js';

/**
 * Publish, archive or set back to draft (SPEC 3.1), once the guard decided `project.publish` —
 * which refuses a project manager the first publication (`review_required`, SPEC 2.3). Each
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

import { and, eq } from 'drizzle-orm';
import type { MoveProjectInput } from '@samrad/core';
import { projects } from '@samrad/db';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, SessionUser } from '../../context.js';
import type { ProjectDetails } from './get-project.js';
import { holdFolder, lockProject, projectAfterChange } from './managed-project.js';

/**
 * Moves the project into another folder or under the platform, once the guard decided
 * `project.move` on it and the right to create a project at the destination: only someone who
 * manages both places moves it. The database's triggers derive its folder path. The audit entry
 * names the folder it left, so the managers of that branch read where it went.
 */
export async function moveProject(
  ctx: Context & { user: SessionUser },
  input: MoveProjectInput,
): Promise<ProjectDetails> {
  await ctx.db.transaction(async (tx) => {
    const current = await lockProject(tx, ctx.platform.id, input.id);
    if (current.folderId === input.folderId) return;
    if (input.folderId !== null) await holdFolder(tx, ctx.platform.id, input.folderId);
    await tx
      .update(projects)
      .set({ folderId: input.folderId })
      .where(and(eq(projects.platformId, ctx.platform.id), eq(projects.id, input.id)));
    await writeAudit(tx, {
      platformId: ctx.platform.id,
      actor: ctx.user,
      action: 'project.move',
      targetType: 'project',
      targetId: input.id,
      projectId: input.id,
      folderId: current.folderId,
      before: { folderId: current.folderId },
      after: { folderId: input.folderId },
    });
  });
  return projectAfterChange(ctx, input.id);
}

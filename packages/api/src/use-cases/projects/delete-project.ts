import { and, eq } from 'drizzle-orm';
import type { ProjectIdInput } from '@samrad/core';
import { projects } from '@samrad/db';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, SessionUser } from '../../context.js';
import { lockProject } from './managed-project.js';

/**
 * Deletes the project and, by cascade, all it holds (SPEC 2.1: admins only; the guard decided
 * `project.delete`). The audit entry outlives it: `audit_log.project_id` is no foreign key. It
 * also names the folder the project was in, so that branch's managers still read the deletion.
 */
export async function deleteProject(
  ctx: Context & { user: SessionUser },
  input: ProjectIdInput,
): Promise<{ ok: true }> {
  await ctx.db.transaction(async (tx) => {
    const current = await lockProject(tx, ctx.platform.id, input.id);
    await tx
      .delete(projects)
      .where(and(eq(projects.platformId, ctx.platform.id), eq(projects.id, input.id)));
    await writeAudit(tx, {
      platformId: ctx.platform.id,
      actor: ctx.user,
      action: 'project.delete',
      targetType: 'project',
      targetId: input.id,
      projectId: input.id,
      folderId: current.folderId,
      before: { title: current.title, folderId: current.folderId, status: current.status },
      after: null,
    });
  });
  return { ok: true };
}

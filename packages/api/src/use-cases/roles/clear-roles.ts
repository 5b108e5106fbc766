import { and, eq } from 'drizzle-orm';
import { decide, type ClearRolesInput } from '@samrad/core';
import { folders, projects, roleAssignments } from '@samrad/db';
import { enforce } from '../../access/guard.js';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, SessionUser } from '../../context.js';
import { notFound } from '../../errors.js';
import { scopeOf } from '../auth/get-me.js';
import { lockAdmins, requireUser } from './role-scope.js';

/**
 * "Set as normal user" (SPEC 2.1): every role of the user goes, or none does — each needs the
 * caller's right to revoke it, and the platform's last admin keeps theirs. Audited per role.
 */
export async function clearRoles(
  ctx: Context & { user: SessionUser },
  input: ClearRolesInput,
): Promise<{ removed: number }> {
  const subject = await ctx.subject();
  const env = { managersMayDelegate: ctx.platform.managersMayDelegate };
  await requireUser(ctx.db, ctx.platform.id, input.userId);
  return ctx.db.transaction(async (tx) => {
    const admins = await lockAdmins(tx, ctx.platform.id);
    const held = await tx
      .select({
        role: roleAssignments.role,
        scopeType: roleAssignments.scopeType,
        folderId: roleAssignments.folderId,
        projectId: roleAssignments.projectId,
        folderPath: folders.path,
        projectPath: projects.folderPath,
      })
      .from(roleAssignments)
      .leftJoin(folders, eq(folders.id, roleAssignments.folderId))
      .leftJoin(projects, eq(projects.id, roleAssignments.projectId))
      .where(
        and(
          eq(roleAssignments.userId, input.userId),
          eq(roleAssignments.platformId, ctx.platform.id),
        ),
      )
      .for('update', { of: roleAssignments });
    // Like revoking a role not held: nothing to clear is NOT_FOUND, so "set as normal user"
    // never succeeds for a caller who could not have revoked anything.
    if (held.length === 0) throw notFound('Role assignment');
    for (const grant of held) {
      const scope = scopeOf(grant);
      const facts =
        scope.type === 'folder'
          ? { type: 'folder' as const, id: scope.id, ancestorIds: grant.folderPath ?? [] }
          : scope.type === 'project'
            ? { type: 'project' as const, id: scope.id, folderIds: grant.projectPath ?? [] }
            : { type: 'platform' as const };
      const isLastAdmin =
        grant.role === 'admin' && admins.length === 1 && admins[0] === input.userId;
      enforce(
        decide(
          subject,
          'role.revoke',
          { type: 'role', role: { scope: facts, role: grant.role, isLastAdmin } },
          env,
        ),
      );
    }
    await tx.delete(roleAssignments).where(eq(roleAssignments.userId, input.userId));
    for (const grant of held) {
      const scope = scopeOf(grant);
      await writeAudit(tx, {
        platformId: ctx.platform.id,
        actor: ctx.user,
        action: 'role.revoke',
        targetType: 'user',
        targetId: input.userId,
        folderId: grant.folderId,
        projectId: grant.projectId,
        before: { role: grant.role, scope },
        after: null,
      });
    }
    return { removed: held.length };
  });
}

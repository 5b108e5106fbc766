import { and, eq } from 'drizzle-orm';
import { decide, type ListRolesInput } from '@samrad/core';
import { roleAssignments } from '@samrad/db';
import { enforce, loadScope, scopeColumns } from '../../access/guard.js';
import type { Context } from '../../context.js';
import { notFound } from '../../errors.js';
import { scopeOf } from '../auth/get-me.js';
import type { RoleAssignmentView } from './role-scope.js';

/**
 * Who holds which role. Without a scope: every assignment on the platform (admins). With one:
 * the assignments on exactly that scope, for those who read its accountability record (SPEC 7).
 */
export async function listRoles(
  ctx: Context,
  input: ListRolesInput,
): Promise<{ items: RoleAssignmentView[]; nextCursor: null }> {
  const requested = input.scope ?? ({ type: 'platform' } as const);
  const scope = await loadScope(ctx, requested);
  if (!scope) throw notFound('Scope');
  enforce(decide(await ctx.subject(), 'audit.read', { type: 'scope', scope }));
  const columns = scopeColumns(requested);
  const where = input.scope
    ? and(
        eq(roleAssignments.platformId, ctx.platform.id),
        eq(roleAssignments.scopeType, requested.type),
        ...(columns.folderId ? [eq(roleAssignments.folderId, columns.folderId)] : []),
        ...(columns.projectId ? [eq(roleAssignments.projectId, columns.projectId)] : []),
      )
    : eq(roleAssignments.platformId, ctx.platform.id);
  const rows = await ctx.db
    .select({
      userId: roleAssignments.userId,
      role: roleAssignments.role,
      scopeType: roleAssignments.scopeType,
      folderId: roleAssignments.folderId,
      projectId: roleAssignments.projectId,
    })
    .from(roleAssignments)
    .where(where)
    .orderBy(roleAssignments.createdAt);
  return {
    items: rows.map((row) => ({ userId: row.userId, role: row.role, scope: scopeOf(row) })),
    nextCursor: null,
  };
}

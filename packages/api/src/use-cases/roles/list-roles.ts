import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { ListRolesInput } from '@samrad/core';
import { roleAssignments } from '@samrad/db';
import { scopeColumns } from '../../access/guard.js';
import type { Context } from '../../context.js';
import { scopeOf } from '../auth/get-me.js';
import { afterCursor, toPage } from '../time-cursor.js';
import type { RoleAssignmentView } from './role-scope.js';

/**
 * Who holds which role, newest first, a page at a time. Without a scope: every assignment on the
 * platform (admins). With one: the assignments on exactly that scope, for those who read its
 * accountability record (SPEC 7) — decided by the procedure's guard (`audit.read`).
 */
export async function listRoles(
  ctx: Context,
  input: ListRolesInput,
): Promise<{ items: RoleAssignmentView[]; nextCursor: string | null }> {
  const conditions: (SQL | undefined)[] = [eq(roleAssignments.platformId, ctx.platform.id)];
  if (input.scope) {
    const columns = scopeColumns(input.scope);
    conditions.push(
      eq(roleAssignments.scopeType, input.scope.type),
      columns.folderId ? eq(roleAssignments.folderId, columns.folderId) : undefined,
      columns.projectId ? eq(roleAssignments.projectId, columns.projectId) : undefined,
    );
  }
  if (input.cursor) {
    conditions.push(afterCursor(roleAssignments.createdAt, roleAssignments.id, input.cursor));
  }
  const rows = await ctx.db
    .select({
      id: roleAssignments.id,
      createdAtKey: sql<string>`${roleAssignments.createdAt}::text`,
      userId: roleAssignments.userId,
      role: roleAssignments.role,
      scopeType: roleAssignments.scopeType,
      folderId: roleAssignments.folderId,
      projectId: roleAssignments.projectId,
    })
    .from(roleAssignments)
    .where(and(...conditions))
    .orderBy(desc(roleAssignments.createdAt), desc(roleAssignments.id))
    .limit(input.limit + 1);
  return toPage(
    rows,
    input.limit,
    (row) => [row.createdAtKey, row.id],
    (row) => ({ userId: row.userId, role: row.role, scope: scopeOf(row) }),
  );
}

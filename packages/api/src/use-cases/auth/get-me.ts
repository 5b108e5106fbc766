import { eq } from 'drizzle-orm';
import type { Role, Scope } from '@samrad/core';
import { roleAssignments } from '@samrad/db';
import type { Context, SessionUser } from '../../context.js';

export interface Me {
  user: SessionUser;
  roles: { role: Role; scope: Scope }[];
}

/** The caller and their roles with scopes, or null for a visitor. */
export async function getMe(ctx: Context): Promise<Me | null> {
  const user = ctx.viewer.user;
  if (!user) return null;
  const rows = await ctx.db
    .select({
      role: roleAssignments.role,
      scopeType: roleAssignments.scopeType,
      folderId: roleAssignments.folderId,
      projectId: roleAssignments.projectId,
    })
    .from(roleAssignments)
    .where(eq(roleAssignments.userId, user.id));
  return { user, roles: rows.map((row) => ({ role: row.role, scope: scopeOf(row) })) };
}

export function scopeOf(row: {
  scopeType: Scope['type'];
  folderId: string | null;
  projectId: string | null;
}): Scope {
  if (row.scopeType === 'folder' && row.folderId) return { type: 'folder', id: row.folderId };
  if (row.scopeType === 'project' && row.projectId) return { type: 'project', id: row.projectId };
  return { type: 'platform' };
}

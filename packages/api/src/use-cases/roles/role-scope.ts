import { and, eq, isNull, type SQL } from 'drizzle-orm';
import type { Role, Scope, ScopeInput } from '@samrad/core';
import { roleAssignments, users, type Database } from '@samrad/db';
import { notFound } from '../../errors.js';

/**
 * The least role held on each kind of scope: whoever may revoke it there is asked, before
 * anything tells them whether a role is held at all.
 */
export const weakestRole = {
  platform: 'admin',
  folder: 'folder_manager',
  project: 'project_reviewer',
} as const satisfies Record<ScopeInput['type'], Role>;

/** The role assignments of a user on exactly this scope. */
export function onScope(userId: string, scope: ScopeInput): SQL {
  return and(
    eq(roleAssignments.userId, userId),
    eq(roleAssignments.scopeType, scope.type),
    scope.type === 'folder'
      ? eq(roleAssignments.folderId, scope.id)
      : isNull(roleAssignments.folderId),
    scope.type === 'project'
      ? eq(roleAssignments.projectId, scope.id)
      : isNull(roleAssignments.projectId),
  )!;
}

/** A user of this platform, or NOT_FOUND. */
export async function requireUser(db: Database, platformId: string, userId: string) {
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      status: users.status,
      verifiedAt: users.verifiedAt,
    })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.platformId, platformId)));
  if (!user) throw notFound('User');
  return user;
}

/** The platform's admin assignments, locked: removing the last one must not race (SPEC 2.1). */
export async function lockAdmins(tx: Database, platformId: string): Promise<string[]> {
  const rows = await tx
    .select({ userId: roleAssignments.userId })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.platformId, platformId), eq(roleAssignments.role, 'admin')))
    .for('update');
  return rows.map((row) => row.userId);
}

export interface RoleAssignmentView {
  userId: string;
  role: Role;
  scope: Scope;
}

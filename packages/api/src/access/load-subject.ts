import { and, eq, sql } from 'drizzle-orm';
import { compileSubject, visitor, type Role, type RoleGrant, type Subject } from '@samrad/core';
import { groupIdsOfUser, users, type Database, type SmartGroupToEvaluate } from '@samrad/db';
import type { Platform, SessionUser } from '../context.js';

interface GrantRow {
  role: Role;
  scopeType: 'platform' | 'folder' | 'project';
  folderId: string | null;
  projectId: string | null;
  ancestors: string[];
}

/**
 * Who is asking, compiled for the policy: one query for the account, its grants (with the
 * folders above each scope), memberships and answered questions; one for its groups (with the
 * platform's smart-group rules from the server's cache).
 * Pending and blocked users compile to the visitor (SPEC 2.4).
 */
export async function loadSubject(
  db: Database,
  platform: Platform,
  user: SessionUser | null,
  smartGroups?: () => Promise<SmartGroupToEvaluate[]>,
): Promise<Subject> {
  if (!user) return visitor;
  const [row] = await db
    .select({
      status: users.status,
      kind: users.kind,
      emailConfirmedAt: users.emailConfirmedAt,
      verifiedAt: users.verifiedAt,
      grants: sql<GrantRow[]>`(
        select coalesce(json_agg(json_build_object(
          'role', r.role, 'scopeType', r.scope_type, 'folderId', r.folder_id, 'projectId', r.project_id,
          'ancestors', coalesce(f.path, p.folder_path, '{}'))), '[]')
        from role_assignments r
          left join folders f on f.id = r.folder_id
          left join projects p on p.id = r.project_id
        where r.user_id = users.id)`,
      memberProjectIds: sql<string[]>`(
        select coalesce(array_agg(m.project_id), '{}') from project_members m where m.user_id = users.id)`,
      answeredQuestionIds: sql<string[]>`(
        select coalesce(array_agg(a.question_id), '{}') from registration_answers a where a.user_id = users.id)`,
    })
    .from(users)
    .where(and(eq(users.id, user.id), eq(users.platformId, platform.id)))
    .limit(1);
  if (!row) return visitor;
  const groupIds =
    row.status === 'active' ? await groupIdsOfUser(db, platform.id, user.id, await smartGroups?.()) : [];
  return compileSubject({
    userId: user.id,
    status: row.status,
    kind: row.kind,
    emailConfirmed: row.emailConfirmedAt !== null,
    verifiedAt: row.verifiedAt,
    roles: row.grants.map(toGrant),
    groupIds,
    memberProjectIds: row.memberProjectIds,
    answeredQuestionIds: row.answeredQuestionIds,
  });
}

function toGrant(row: GrantRow): RoleGrant {
  const scope =
    row.scopeType === 'folder' && row.folderId
      ? ({ type: 'folder', id: row.folderId } as const)
      : row.scopeType === 'project' && row.projectId
        ? ({ type: 'project', id: row.projectId } as const)
        : ({ type: 'platform' } as const);
  return { role: row.role, scope, ancestorFolderIds: row.ancestors };
}

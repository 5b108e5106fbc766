import { and, eq, sql } from 'drizzle-orm';
import {
  compileSubject,
  evaluatePlan,
  visitor,
  type Role,
  type RoleGrant,
  type SmartGroupAnswerFact,
  type SmartGroupPlan,
  type Subject,
} from '@samrad/core';
import { projectsTakenPartIn, users, type Database } from '@samrad/db';
import type { Platform, SessionUser } from '../context.js';

/** A platform's smart group with its rules planned once, as the server caches it. */
export interface PlannedSmartGroup {
  id: string;
  plan: SmartGroupPlan;
}

interface GrantRow {
  role: Role;
  scopeType: 'platform' | 'folder' | 'project';
  folderId: string | null;
  projectId: string | null;
  ancestors: string[];
}

const noParticipation = sql<string[]>`'{}'::uuid[]`;

/**
 * Who is asking, compiled for the policy, in ONE query: the account, its grants (with the folders
 * above each scope), memberships, answers, and what its smart groups look at. The platform's
 * smart groups (rules planned once, cached by the server) are then evaluated in memory, so a
 * signed-in listing costs two queries whatever the number of groups. Pending and blocked users
 * compile to the visitor (SPEC 2.4).
 */
export async function loadSubject(
  db: Database,
  platform: Platform,
  user: SessionUser | null,
  smartGroups: () => Promise<PlannedSmartGroup[]>,
): Promise<Subject> {
  if (!user) return visitor;
  const groups = await smartGroups();
  const [row] = await db
    .select({
      status: users.status,
      kind: users.kind,
      email: users.email,
      emailConfirmedAt: users.emailConfirmedAt,
      verifiedAt: users.verifiedAt,
      createdAt: users.createdAt,
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
      answers: sql<Record<string, SmartGroupAnswerFact & { id: string }>>`(
        select coalesce(json_object_agg(q.key, json_build_object('id', q.id, 'type', q.type, 'value', a.value)), '{}')
        from registration_answers a join registration_questions q on q.id = a.question_id
        where a.user_id = users.id)`,
      // Manual groups that list the user, and the composite groups holding them or those groups.
      directGroupIds: sql<string[]>`(select coalesce(array_agg(distinct g), '{}') from (
          select m.group_id as g from group_memberships m where m.user_id = users.id
          union select c.composite_group_id from composite_group_members c
            join group_memberships m on m.group_id = c.member_group_id where m.user_id = users.id) direct)`,
      // `users.id` spelled out: in a one-table select drizzle would write the bare column name.
      participatedProjectIds: needsParticipation(groups)
        ? projectsTakenPartIn(sql.raw('users.id'))
        : noParticipation,
    })
    .from(users)
    .where(and(eq(users.id, user.id), eq(users.platformId, platform.id)))
    .limit(1);
  if (!row) return visitor;
  const grants = row.grants.map(toGrant);
  const facts = {
    status: row.status,
    email: row.email,
    verified: row.verifiedAt !== null,
    roles: grants.map((grant) => grant.role),
    registeredAt: row.createdAt,
    participatedProjectIds: row.participatedProjectIds,
    answers: row.answers,
  };
  const groupIds = [
    ...row.directGroupIds,
    ...groups.filter((g) => evaluatePlan(g.plan, facts)).map((g) => g.id),
  ];
  return compileSubject({
    userId: user.id,
    status: row.status,
    kind: row.kind,
    emailConfirmed: row.emailConfirmedAt !== null,
    verifiedAt: row.verifiedAt,
    roles: grants,
    groupIds,
    memberProjectIds: row.memberProjectIds,
    answeredQuestionIds: Object.values(row.answers).map((answer) => answer.id),
  });
}

/** Whether any of the smart groups looks at what people took part in. */
export function needsParticipation(groups: PlannedSmartGroup[]): boolean {
  return groups.some((group) => group.plan.steps.some((step) => step.test.kind === 'participated'));
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

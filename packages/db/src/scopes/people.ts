import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { projectMembers, projects } from '../schema/projects.js';
import { users } from '../schema/users.js';
import { userGroups } from '../schema/groups.js';
import { tookPartIn } from './participation.js';
import { uuidArray, type SubjectScope } from './subject-scope.js';

/* SQL twins of `readUser`, `readPersonalData` and `group.read` (`@samrad/core` access). */

/** The subject manages (admin, folder manager above, project manager of) the project `projectId`. */
function managing(s: SubjectScope) {
  return (projectId: AnyPgColumn): SQL =>
    s.isAdmin
      ? sql`true`
      : sql`exists (select 1 from ${projects} where ${projects.id} = ${projectId}
          and (${projects.folderPath} && ${uuidArray(s.managedFolderIds)}
            or ${projects.id} = any(${uuidArray(s.managingProjectIds)})))`;
}

const self = (s: SubjectScope): SQL => (s.userId === null ? sql`false` : eq(users.id, s.userId));

/** E-mail and answers: the person, admins, and managers of a project the person took part in. */
export function userPersonalDataReadableBy(s: SubjectScope): SQL {
  if (s.isAdmin) return eq(users.platformId, s.platformId);
  if (s.userId === null) return sql`false`;
  return and(eq(users.platformId, s.platformId), or(self(s), tookPartIn(users.id, managing(s))))!;
}

/**
 * Public profiles: the above, people listed in the directory (SPEC 6), and fellow members of a
 * project (SPEC 2.4), for signed-in users.
 */
export function userReadableBy(s: SubjectScope): SQL {
  if (s.userId === null) return sql`false`;
  return or(
    userPersonalDataReadableBy(s),
    and(
      eq(users.platformId, s.platformId),
      or(
        eq(users.listedInDirectory, true),
        sql`exists (select 1 from ${projectMembers} where ${projectMembers.userId} = ${users.id}
          and ${projectMembers.projectId} = any(${uuidArray(s.memberProjectIds)}))`,
      ),
    ),
  )!;
}

/** Admins and managers see the platform's groups, to pick them for what they manage (SPEC 5). */
export function groupReadableBy(s: SubjectScope): SQL {
  const seesGroups = s.isAdmin || s.managedFolderIds.length > 0 || s.managingProjectIds.length > 0;
  return seesGroups ? eq(userGroups.platformId, s.platformId) : sql`false`;
}

import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { projectMembers, projects } from '../schema/projects.js';
import { users } from '../schema/users.js';
import { userGroups } from '../schema/groups.js';
import { participantsOf } from './participation.js';
import { uuidArray, type SubjectScope } from './subject-scope.js';

/* SQL twins of `readUser`, `readPersonalData` and `group.read` (`@samrad/core` access). */

const managesSomething = (s: SubjectScope) =>
  s.managedFolderIds.length > 0 || s.managingProjectIds.length > 0;

/**
 * People who took part in a project the subject (not an admin) manages — below a folder they
 * manage, or as its project manager. A subject without such a grant gets no arm at all.
 */
function participantsOfManaged(s: SubjectScope): SQL | undefined {
  if (!managesSomething(s)) return undefined;
  const managed = (projectId: AnyPgColumn): SQL =>
    sql`${projectId} in (select ${projects.id} from ${projects}
      where ${projects.folderPath} && ${uuidArray(s.managedFolderIds)}
        or ${projects.id} = any(${uuidArray(s.managingProjectIds)}))`;
  return inArray(users.id, participantsOf(managed));
}

const self = (s: SubjectScope): SQL | undefined =>
  s.userId === null ? undefined : eq(users.id, s.userId);

/** E-mail and answers: the person, admins, and managers of a project the person took part in. */
export function userPersonalDataReadableBy(s: SubjectScope): SQL {
  if (s.isAdmin) return eq(users.platformId, s.platformId);
  if (s.userId === null) return sql`false`;
  return and(eq(users.platformId, s.platformId), or(self(s), participantsOfManaged(s)))!;
}

/**
 * `userReadableBy` as arms whose union is exactly it, each a filter an index or a semi-join
 * serves: the listing fetches a page per arm and merges them, since their `or` leaves PostgreSQL
 * nothing but walking every user newest first, testing each — slow when few are visible (a
 * project manager sees a few dozen of 100,000).
 */
export function userReadableArms(s: SubjectScope): SQL[] {
  if (s.userId === null) return [];
  const platform = eq(users.platformId, s.platformId);
  if (s.isAdmin) return [platform];
  // Pending and blocked people are met neither in the directory nor among members (SPEC 2.4).
  const active = eq(users.status, 'active');
  const arms = [
    self(s),
    participantsOfManaged(s),
    and(eq(users.listedInDirectory, true), active),
    s.memberProjectIds.length > 0
      ? and(
          inArray(
            users.id,
            sql`(select ${projectMembers.userId} from ${projectMembers}
            where ${projectMembers.projectId} = any(${uuidArray(s.memberProjectIds)}))`,
          ),
          active,
        )
      : undefined,
  ];
  return arms.filter((arm) => arm !== undefined).map((arm) => and(platform, arm)!);
}

/**
 * Public profiles: the above, people listed in the directory (SPEC 6), and fellow members of a
 * project (SPEC 2.4), for signed-in users.
 */
export function userReadableBy(s: SubjectScope): SQL {
  const arms = userReadableArms(s);
  return arms.length === 0 ? sql`false` : or(...arms)!;
}

/** Admins and managers see the platform's groups, to pick them for what they manage (SPEC 5). */
export function groupReadableBy(s: SubjectScope): SQL {
  const seesGroups = s.isAdmin || managesSomething(s);
  return seesGroups ? eq(userGroups.platformId, s.platformId) : sql`false`;
}

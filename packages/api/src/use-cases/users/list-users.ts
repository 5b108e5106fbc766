import { and, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { ListUsersInput, UserStatus } from '@samrad/core';
import {
  groupMembersWhere,
  groupReadableBy,
  userGroups,
  userPersonalDataReadableBy,
  userReadableArms,
  users,
  type SubjectScope,
} from '@samrad/db';
import type { Context } from '../../context.js';
import { notFound } from '../../errors.js';
import { afterCursor, toPage } from '../time-cursor.js';

export interface UserListItem {
  id: string;
  name: string;
  /** Only where the caller may read the person's personal data. */
  email?: string;
  status: UserStatus;
  verified: boolean;
  registeredAt: string;
}

/**
 * The people the caller may see (`user.read`), newest first, one query per page (two with a
 * group): admins see everyone; managers their projects' participants, with their e-mails; every
 * signed-in user themselves, fellow members and those listed in the member directory (SPEC 2.4,
 * 6), without e-mails. Both rules are the policy's SQL twins, evaluated per row; `user.read`
 * arm by arm, each served by its own index or semi-join.
 *
 * What could tell the caller personal data they may not read is confined to the people whose
 * personal data they may read: the e-mail half of `search`, and `groupId`, since membership of
 * a group follows from e-mail, answers and participation (smart groups).
 */
export async function listUsers(
  ctx: Context,
  input: ListUsersInput,
  scope: SubjectScope,
): Promise<{ items: UserListItem[]; nextCursor: string | null }> {
  const personal = userPersonalDataReadableBy(scope);
  const conditions: (SQL | undefined)[] = [];
  if (input.status) conditions.push(eq(users.status, input.status));
  if (input.groupId) {
    // Groups are seen by admins and managers (`group.read`); to others no group exists.
    const [group] = await ctx.db
      .select({
        id: userGroups.id,
        platformId: userGroups.platformId,
        kind: userGroups.kind,
        rules: userGroups.rules,
      })
      .from(userGroups)
      .where(and(eq(userGroups.id, input.groupId), groupReadableBy(scope)));
    if (!group) throw notFound('Group');
    conditions.push(groupMembersWhere(group), personal);
  }
  if (input.search) {
    const pattern = `%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(users.name, pattern), and(personal, ilike(users.email, pattern))));
  }
  if (input.cursor) {
    conditions.push(afterCursor(users.createdAt, users.id, input.cursor));
  }
  // A page per arm of `user.read`, newest first, then the page of their union: the union's first
  // rows are among each arm's first rows. One arm (an admin's) needs no merge.
  const pageOf = (arm: SQL) =>
    sql`(select ${users.id} from ${users} where ${and(arm, ...conditions)}
      order by ${users.createdAt} desc, ${users.id} desc limit ${input.limit + 1})`;
  const arms = userReadableArms(scope);
  const readable =
    arms.length === 0
      ? sql`false`
      : arms.length === 1
        ? and(arms[0], ...conditions)
        : sql`${users.id} in (${sql.join(arms.map(pageOf), sql` union `)})`;
  const rows = await ctx.db
    .select({
      id: users.id,
      name: users.name,
      email: sql<string | null>`case when ${personal} then ${users.email} end`,
      status: users.status,
      verifiedAt: users.verifiedAt,
      createdAt: users.createdAt,
      /** The exact stored time as text, for keyset cursors without losing microseconds. */
      createdAtKey: sql<string>`${users.createdAt}::text`,
    })
    .from(users)
    .where(readable)
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(input.limit + 1);
  return toPage(
    rows,
    input.limit,
    (row) => [row.createdAtKey, row.id],
    (row) => ({
      id: row.id,
      name: row.name,
      ...(row.email === null ? {} : { email: row.email }),
      status: row.status,
      verified: row.verifiedAt !== null,
      registeredAt: row.createdAt.toISOString(),
    }),
  );
}

import { and, asc, ilike, or, sql } from 'drizzle-orm';
import type { ListGroupMembersInput } from '@samrad/core';
import {
  groupMembersWhere,
  subjectScope,
  userPersonalDataReadableBy,
  userReadableBy,
  users,
} from '@samrad/db';
import type { GrantedGroup } from '../../access/group-guard.js';
import type { Context } from '../../context.js';
import { afterNameCursor, containing, namePage } from './name-listing.js';

/** A member as `groups.members` shows them: the e-mail only to those who may read it. */
export interface GroupMember {
  id: string;
  name: string;
  email: string | null;
}

/**
 * The members of a group (the guard decided `group.read`), alphabetically, in one query: whoever
 * its kind makes a member (smart: the SQL twin of its rules; composite: listed in it or in one of
 * its manual groups), among the people the caller may see at all (`user.read`'s twin) — a
 * manager picking groups sees the members they could see anyway, never the whole city. The
 * e-mail, and searching by it, only where `user.readPersonalData` allows.
 */
export async function listGroupMembers(
  ctx: Context,
  input: ListGroupMembersInput,
  group: GrantedGroup,
): Promise<{ items: GroupMember[]; nextCursor: string | null }> {
  const scope = subjectScope(ctx.platform.id, await ctx.subject());
  const personal = userPersonalDataReadableBy(scope);
  const search = input.search && containing(input.search);
  const rows = await ctx.db
    .select({
      id: users.id,
      name: users.name,
      email: sql<string | null>`case when ${personal} then ${users.email} end`,
    })
    .from(users)
    .where(
      and(
        groupMembersWhere({ ...group, platformId: ctx.platform.id }),
        userReadableBy(scope),
        search
          ? or(ilike(users.name, search), and(personal, ilike(users.email, search)))
          : undefined,
        input.cursor ? afterNameCursor(input.cursor, users.name, users.id) : undefined,
      ),
    )
    .orderBy(asc(users.name), asc(users.id))
    .limit(input.limit + 1);
  const { page, nextCursor } = namePage(rows, input.limit);
  return { items: page, nextCursor };
}

import { and, asc, eq, ilike } from 'drizzle-orm';
import type { ListGroupsInput } from '@samrad/core';
import { userGroups } from '@samrad/db';
import type { Context } from '../../context.js';
import { groupRowColumns, withMemberCounts, type GroupView } from './group-view.js';
import { afterNameCursor, containing, namePage } from './name-listing.js';

/**
 * The platform's groups, alphabetically, for those the guard let read them (`group.read`:
 * admins, and managers picking groups for what they manage). Two queries per page whatever its
 * size: the page, then every group's member count in one statement.
 */
export async function listGroups(
  ctx: Context,
  input: ListGroupsInput,
): Promise<{ items: GroupView[]; nextCursor: string | null }> {
  const rows = await ctx.db
    .select(groupRowColumns)
    .from(userGroups)
    .where(
      and(
        eq(userGroups.platformId, ctx.platform.id),
        input.kind ? eq(userGroups.kind, input.kind) : undefined,
        input.search ? ilike(userGroups.name, containing(input.search)) : undefined,
        input.cursor ? afterNameCursor(input.cursor, userGroups.name, userGroups.id) : undefined,
      ),
    )
    .orderBy(asc(userGroups.name), asc(userGroups.id))
    .limit(input.limit + 1);
  const { page, nextCursor } = namePage(rows, input.limit);
  return { items: await withMemberCounts(ctx.db, ctx.platform.id, page), nextCursor };
}

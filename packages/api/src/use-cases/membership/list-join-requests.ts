import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { JoinRequestStatus, ListJoinRequestsInput } from '@samrad/core';
import { joinRequests, subjectScope, users } from '@samrad/db';
import type { Context } from '../../context.js';
import { afterCursor, toPage } from '../time-cursor.js';
import { personColumns, toPerson, type PersonView } from './people.js';

export interface JoinRequestView {
  id: string;
  user: PersonView;
  message: string | null;
  status: JoinRequestStatus;
  createdAt: string;
  decidedAt: string | null;
}

/**
 * The join requests of one project, newest first, for those who decide them (the guard decided
 * `project.manageMembers`); one query per page.
 */
export async function listJoinRequests(
  ctx: Context,
  input: ListJoinRequestsInput,
): Promise<{ items: JoinRequestView[]; nextCursor: string | null }> {
  const conditions: SQL[] = [
    eq(joinRequests.platformId, ctx.platform.id),
    eq(joinRequests.projectId, input.projectId),
  ];
  if (input.status) conditions.push(eq(joinRequests.status, input.status));
  if (input.cursor) {
    conditions.push(afterCursor(joinRequests.createdAt, joinRequests.id, input.cursor));
  }
  const rows = await ctx.db
    .select({
      id: joinRequests.id,
      message: joinRequests.message,
      status: joinRequests.status,
      createdAt: joinRequests.createdAt,
      createdAtKey: sql<string>`${joinRequests.createdAt}::text`,
      decidedAt: joinRequests.decidedAt,
      ...personColumns(subjectScope(ctx.platform.id, await ctx.subject())),
    })
    .from(joinRequests)
    .innerJoin(users, eq(users.id, joinRequests.userId))
    .where(and(...conditions))
    .orderBy(desc(joinRequests.createdAt), desc(joinRequests.id))
    .limit(input.limit + 1);
  return toPage(
    rows,
    input.limit,
    (row) => [row.createdAtKey, row.id],
    (row) => ({
      id: row.id,
      user: toPerson(row),
      message: row.message,
      status: row.status,
      createdAt: row.createdAt.toISOString(),
      decidedAt: row.decidedAt?.toISOString() ?? null,
    }),
  );
}

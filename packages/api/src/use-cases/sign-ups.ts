import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { users } from '@samrad/db';
import type { Context } from '../context.js';
import { afterCursor, toPage } from './time-cursor.js';

/** One person who signed up for something (a cause, an event), as those who organise it see them. */
export interface SignUpView {
  userId: string;
  name: string;
  email: string;
  signedUpAt: string;
}

/**
 * Who signed up — the rows of `source.table` that `source.of` picks, one per person — newest
 * first, for those who may export participant lists. One query a page.
 */
export async function listSignUps(
  ctx: Context,
  source: { table: PgTable; userId: AnyPgColumn; createdAt: AnyPgColumn; of: SQL },
  page: { cursor?: string | null; limit: number },
): Promise<{ items: SignUpView[]; nextCursor: string | null }> {
  const rows = await ctx.db
    .select({
      userId: sql<string>`${source.userId}`,
      name: users.name,
      email: users.email,
      signedUpAt: sql<string>`${source.createdAt}`.mapWith(
        (value: string | Date) => new Date(value),
      ),
      key: sql<string>`${source.createdAt}::text`,
    })
    .from(source.table)
    .innerJoin(users, eq(users.id, source.userId))
    .where(
      and(
        source.of,
        page.cursor ? afterCursor(source.createdAt, source.userId, page.cursor) : undefined,
      ),
    )
    .orderBy(desc(source.createdAt), desc(source.userId))
    .limit(page.limit + 1);
  return toPage(
    rows,
    page.limit,
    (row) => [row.key, row.userId],
    (row) => ({
      userId: row.userId,
      name: row.name,
      email: row.email,
      signedUpAt: row.signedUpAt.toISOString(),
    }),
  );
}

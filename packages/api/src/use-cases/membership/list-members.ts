import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { ListMembersInput } from '@samrad/core';
import { projectMembers, subjectScope, users } from '@samrad/db';
import type { Context } from '../../context.js';
import { decodeTimeCursor, encodeTimeCursor } from '../time-cursor.js';
import { personColumns, toPerson, type PersonView } from './people.js';

export interface MemberView {
  user: PersonView;
  source: 'request' | 'invitation' | 'added';
  joinedAt: string;
}

/**
 * The members of one project, newest first, for those who manage them (the guard decided
 * `project.manageMembers`); one query per page.
 */
export async function listMembers(
  ctx: Context,
  input: ListMembersInput,
): Promise<{ items: MemberView[]; nextCursor: string | null }> {
  const conditions: SQL[] = [
    eq(projectMembers.platformId, ctx.platform.id),
    eq(projectMembers.projectId, input.projectId),
  ];
  if (input.cursor) {
    const cursor = decodeTimeCursor(input.cursor);
    conditions.push(
      sql`(${projectMembers.joinedAt}, ${projectMembers.userId}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`,
    );
  }
  const rows = await ctx.db
    .select({
      source: projectMembers.source,
      joinedAt: projectMembers.joinedAt,
      joinedAtKey: sql<string>`${projectMembers.joinedAt}::text`,
      ...personColumns(subjectScope(ctx.platform.id, await ctx.subject())),
    })
    .from(projectMembers)
    .innerJoin(users, eq(users.id, projectMembers.userId))
    .where(and(...conditions))
    .orderBy(desc(projectMembers.joinedAt), desc(projectMembers.userId))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      user: toPerson(row),
      source: row.source,
      joinedAt: row.joinedAt.toISOString(),
    })),
    nextCursor:
      rows.length > input.limit && last ? encodeTimeCursor(last.joinedAtKey, last.personId) : null,
  };
}

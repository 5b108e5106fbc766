import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { ListMembersInput } from '@samrad/core';
import { projectMembers, subjectScope, users } from '@samrad/db';
import type { Context } from '../../context.js';
import { afterCursor, toPage } from '../time-cursor.js';
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
    conditions.push(afterCursor(projectMembers.joinedAt, projectMembers.userId, input.cursor));
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
  return toPage(
    rows,
    input.limit,
    (row) => [row.joinedAtKey, row.personId],
    (row) => ({
      user: toPerson(row),
      source: row.source,
      joinedAt: row.joinedAt.toISOString(),
    }),
  );
}

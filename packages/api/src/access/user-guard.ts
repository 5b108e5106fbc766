import { and, eq, sql } from 'drizzle-orm';
import { decide, type ActionOn, type UserFacts } from '@samrad/core';
import { projectsTakenPartIn, users } from '@samrad/db';
import type { Context } from '../context.js';
import { notFound } from '../errors.js';
import { enforce } from './guard.js';
import type { Guard } from './guards.js';

/** An action on a person found by id (SPEC 2.4): missing or invisible is `NOT_FOUND`. */
export function onUser<TInput>(
  action: ActionOn<'user'>,
  userId: (input: TInput) => string,
): Guard<TInput, { user: UserFacts }> {
  return {
    access: action,
    async check(ctx, input) {
      const user = await loadUserFacts(ctx, userId(input));
      enforce(decide(await ctx.subject(), action, { type: 'user', user }));
      return { user };
    },
  };
}

/**
 * A person as the policy sees them, in one query: whether they are listed in the directory, the
 * projects they took part in (with the folders above each, since managing a folder covers its
 * subtree) and the projects they are a member of.
 */
export async function loadUserFacts(ctx: Context, id: string): Promise<UserFacts> {
  const [row] = await ctx.db
    .select({
      id: users.id,
      listedInDirectory: users.listedInDirectory,
      active: sql<boolean>`users.status = 'active'`,
      // `users.id` spelled out: in a one-table select drizzle would write the bare column name.
      participatedIn: sql<UserFacts['participatedIn']>`(
        select coalesce(json_agg(json_build_object('id', p.id, 'folderIds', p.folder_path)), '[]')
        from projects p where p.id = any(${projectsTakenPartIn(sql.raw('users.id'))}::uuid[]))`,
      memberOf: sql<string[]>`(
        select coalesce(array_agg(m.project_id), '{}') from project_members m
        where m.user_id = users.id)`,
    })
    .from(users)
    .where(and(eq(users.platformId, ctx.platform.id), eq(users.id, id)));
  if (!row) throw notFound('User');
  return row;
}

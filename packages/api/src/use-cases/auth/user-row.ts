import { and, eq } from 'drizzle-orm';
import { users } from '@samrad/db';
import type { Context } from '../../context.js';
import { unauthorized } from '../../errors.js';
import type { UserRow } from './account-session.js';

/** The caller's own account row (a session of a deleted account is nobody). */
export async function loadUserRow(ctx: Context, userId: string): Promise<UserRow> {
  const [user] = await ctx.db
    .select()
    .from(users)
    .where(and(eq(users.id, userId), eq(users.platformId, ctx.platform.id)));
  if (!user) throw unauthorized();
  return user;
}

import { and, eq } from 'drizzle-orm';
import type { SignInInput } from '@samrad/core';
import { users } from '@samrad/db';
import { verifyPassword } from '../../auth/passwords.js';
import { rateLimits, spendTry } from '../../auth/rate-limits.js';
import type { Context, SessionUser } from '../../context.js';
import { unauthorized } from '../../errors.js';
import { openActiveSession } from './account-session.js';

/**
 * Signs in with e-mail and password. An unknown address and a wrong password get the same answer
 * after the same work (a decoy hash is verified), so neither errors nor timing tell who has an
 * account; only someone who proved the password learns that theirs is pending or blocked.
 */
export async function signIn(
  ctx: Context,
  input: SignInInput,
): Promise<{ token: string; user: SessionUser }> {
  await spendTry(ctx, {
    email: input.email,
    perEmail: rateLimits.signInPerEmail,
    perAddress: rateLimits.signInPerAddress,
  });
  const [user] = await ctx.db
    .select()
    .from(users)
    .where(and(eq(users.platformId, ctx.platform.id), eq(users.email, input.email)))
    .limit(1);
  if (!(await verifyPassword(user?.passwordHash ?? null, input.password)) || !user) {
    throw unauthorized('Wrong e-mail or password');
  }
  return openActiveSession(ctx, user);
}

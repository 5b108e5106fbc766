import { and, eq } from 'drizzle-orm';
import type { SignInInput } from '@samrad/core';
import { users } from '@samrad/db';
import { openSession } from '../../auth/sessions.js';
import { verifyPassword } from '../../auth/passwords.js';
import type { Context, SessionUser } from '../../context.js';
import { AppError, unauthorized } from '../../errors.js';

export async function signIn(
  ctx: Context,
  input: SignInInput,
): Promise<{ token: string; user: SessionUser }> {
  const [user] = await ctx.db
    .select()
    .from(users)
    .where(and(eq(users.platformId, ctx.platform.id), eq(users.email, input.email)))
    .limit(1);
  // One message for an unknown e-mail and a wrong password: no account enumeration.
  if (!(await verifyPassword(user?.passwordHash ?? null, input.password)) || !user) {
    throw unauthorized('Wrong e-mail or password');
  }
  // Said only to someone who proved the password, so it reveals nothing to others.
  if (user.status === 'pending') {
    throw new AppError('FORBIDDEN', 'Your account is waiting for approval by an administrator');
  }
  if (user.status === 'blocked') throw new AppError('FORBIDDEN', 'Your account is blocked');
  const { token, expiresAt } = await openSession(ctx.db, {
    platformId: ctx.platform.id,
    userId: user.id,
  });
  ctx.session.set(token, expiresAt);
  return {
    token,
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      status: user.status,
      verified: user.verifiedAt !== null,
    },
  };
}

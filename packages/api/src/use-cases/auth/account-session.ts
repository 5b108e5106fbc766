import type { users } from '@samrad/db';
import { openSession, type SessionKind } from '../../auth/sessions.js';
import type { Context, SessionUser } from '../../context.js';
import { AppError } from '../../errors.js';

export type UserRow = typeof users.$inferSelect;

/**
 * What signing up, signing in or confirming an e-mail answers: a bearer token for an active
 * account. An account waiting for an administrator's approval (SPEC 2.4) gets none — it could do
 * nothing a visitor cannot — and says so in `user.status`.
 */
export interface SignedIn {
  token: string | null;
  user: SessionUser;
}

export const sessionUser = (user: UserRow): SessionUser => ({
  id: user.id,
  email: user.email,
  name: user.name,
  status: user.status,
  verified: user.verifiedAt !== null,
});

/** Refuses a blocked account with a message said only to whoever proved they own it. */
export function refuseBlocked(user: UserRow): void {
  if (user.status === 'blocked') throw new AppError('FORBIDDEN', 'Your account is blocked');
}

/**
 * Opens a session for an account that proved who it is; one waiting for approval gets none.
 */
export async function startSession(ctx: Context, user: UserRow): Promise<SignedIn> {
  refuseBlocked(user);
  if (user.status === 'pending') return { token: null, user: sessionUser(user) };
  return openActiveSession(ctx, user);
}

/**
 * A session of an active account. A full session also sets the console's cookie; a
 * participation token (widgets) never does.
 */
export async function openActiveSession(
  ctx: Context,
  user: UserRow,
  kind: SessionKind = 'session',
): Promise<{ token: string; user: SessionUser }> {
  refuseBlocked(user);
  if (user.status !== 'active') {
    throw new AppError('FORBIDDEN', 'Your account is waiting for approval by an administrator');
  }
  const { token, expiresAt } = await openSession(ctx.db, {
    platformId: ctx.platform.id,
    userId: user.id,
    kind,
  });
  if (kind === 'session') ctx.session.set(token, expiresAt);
  return { token, user: sessionUser(user) };
}

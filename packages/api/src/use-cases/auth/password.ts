import { and, eq } from 'drizzle-orm';
import type {
  ChangePasswordInput,
  RequestPasswordResetInput,
  ResetPasswordInput,
} from '@samrad/core';
import { users } from '@samrad/db';
import { issueCode } from '../../auth/email-codes.js';
import { hashPassword, verifyPassword } from '../../auth/passwords.js';
import { rateLimits, spendTry } from '../../auth/rate-limits.js';
import { revokeSessions } from '../../auth/sessions.js';
import type { Context, SessionUser } from '../../context.js';
import { queueEmail } from '../../email/outbox.js';
import { AppError } from '../../errors.js';
import { startSession, type SignedIn } from './account-session.js';
import { useCode, wrongCode } from './email-code-sign-in.js';
import { codeEmail, passwordChangedEmail } from './emails.js';

/**
 * Sends a code to choose a new password. For an address without an account the e-mail says so
 * instead, so the answer and the work are the same either way: nothing tells who is registered.
 */
export async function requestPasswordReset(
  ctx: Context,
  input: RequestPasswordResetInput,
): Promise<{ sent: true }> {
  const { platform } = ctx;
  await spendTry(ctx, {
    email: input.email,
    perEmail: rateLimits.codeRequestPerEmail,
    perAddress: rateLimits.codeRequestPerAddress,
  });
  await ctx.db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.platformId, platform.id), eq(users.email, input.email)));
    const { code } = await issueCode(tx, ctx.keys, {
      platformId: platform.id,
      email: input.email,
      purpose: 'reset_password',
    });
    await queueEmail(
      tx,
      user
        ? codeEmail(platform, input.email, 'reset_password', code)
        : {
            platformId: platform.id,
            to: input.email,
            subject: `No account on ${platform.name}`,
            text: `Someone asked to reset the password of ${input.email} on ${platform.name}, but no account uses this address. You can sign up with it instead.\n\nIf you did not ask for this, you can ignore this e-mail.`,
          },
    );
  });
  return { sent: true };
}

/**
 * A new password with the code from the e-mail: every session of the account ends, the code
 * having proved the address confirms it, and a light account becomes a full one. Then signed in.
 */
export async function resetPassword(ctx: Context, input: ResetPasswordInput): Promise<SignedIn> {
  await spendTry(ctx, {
    email: input.email,
    perEmail: rateLimits.codeAttemptPerEmail,
    perAddress: rateLimits.codeAttemptPerAddress,
  });
  const passwordHash = await hashPassword(input.password);
  const user = await ctx.db.transaction(async (tx) => {
    const existing = (await useCode(tx, ctx, { ...input, purpose: 'reset_password' }))?.account;
    if (!existing) return null;
    const [updated] = await tx
      .update(users)
      .set({
        passwordHash,
        kind: 'full',
        emailConfirmedAt: existing.emailConfirmedAt ?? new Date(),
      })
      .where(eq(users.id, existing.id))
      .returning();
    await revokeSessions(tx, { userId: existing.id });
    await queueEmail(tx, passwordChangedEmail(ctx.platform, existing.email));
    return updated!;
  });
  if (!user) throw wrongCode();
  return startSession(ctx, user);
}

/** A new password, proved by the current one; every other session of the account ends. */
export async function changePassword(
  ctx: Context & { user: SessionUser },
  input: ChangePasswordInput,
): Promise<{ ok: true }> {
  await spendTry(ctx, {
    email: ctx.user.email,
    perEmail: rateLimits.signInPerEmail,
    perAddress: rateLimits.signInPerAddress,
  });
  const [current] = await ctx.db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, ctx.user.id));
  if (!current?.passwordHash) {
    throw new AppError(
      'BAD_REQUEST',
      'currentPassword: this account has no password yet; set one with a password reset',
    );
  }
  if (!(await verifyPassword(current.passwordHash, input.currentPassword))) {
    throw new AppError('BAD_REQUEST', 'currentPassword: wrong password');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, ctx.user.id));
    await revokeSessions(tx, { userId: ctx.user.id, exceptId: ctx.viewer.session?.id });
    await queueEmail(tx, passwordChangedEmail(ctx.platform, ctx.user.email));
  });
  return { ok: true };
}

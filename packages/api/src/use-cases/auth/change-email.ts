import { eq } from 'drizzle-orm';
import type { ConfirmEmailChangeInput, RequestEmailChangeInput } from '@samrad/core';
import { users } from '@samrad/db';
import { consumeCode, issueCode } from '../../auth/email-codes.js';
import { verifyPassword } from '../../auth/passwords.js';
import { rateLimits, spendTry } from '../../auth/rate-limits.js';
import type { Context, SessionUser } from '../../context.js';
import { queueEmail } from '../../email/outbox.js';
import { AppError } from '../../errors.js';
import { isUniqueViolation } from '../users/registration-answers.js';
import { wrongCode } from './email-code-sign-in.js';
import { codeEmail, emailChangedEmail } from './emails.js';

/**
 * A new address for the caller's account, confirmed by a code sent to it. An account with a
 * password proves it is its owner with the password (not only someone at their screen).
 */
export async function requestEmailChange(
  ctx: Context & { user: SessionUser },
  input: RequestEmailChangeInput,
): Promise<{ sent: true }> {
  await spendTry(ctx, {
    email: ctx.user.email,
    perEmail: rateLimits.codeRequestPerEmail,
    perAddress: rateLimits.codeRequestPerAddress,
  });
  if (input.newEmail === ctx.user.email) {
    throw new AppError('BAD_REQUEST', 'newEmail: this is already your address');
  }
  const [account] = await ctx.db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, ctx.user.id));
  if (account?.passwordHash) {
    if (input.password === undefined) throw new AppError('BAD_REQUEST', 'password: required');
    if (!(await verifyPassword(account.passwordHash, input.password))) {
      throw new AppError('BAD_REQUEST', 'password: wrong password');
    }
  }
  await ctx.db.transaction(async (tx) => {
    const { code } = await issueCode(tx, ctx.keys, {
      platformId: ctx.platform.id,
      email: input.newEmail,
      purpose: 'change_email',
      userId: ctx.user.id,
    });
    await queueEmail(tx, codeEmail(ctx.platform, input.newEmail, 'change_email', code));
  });
  return { sent: true };
}

/** The code from the new address makes it the account's; the old address is told. */
export async function confirmEmailChange(
  ctx: Context & { user: SessionUser },
  input: ConfirmEmailChangeInput,
): Promise<{ email: string }> {
  await spendTry(ctx, {
    email: ctx.user.email,
    perEmail: rateLimits.codeAttemptPerEmail,
    perAddress: rateLimits.codeAttemptPerAddress,
  });
  const changed = await ctx.db
    .transaction(async (tx) => {
      const result = await consumeCode(tx, ctx.keys, {
        platformId: ctx.platform.id,
        email: input.newEmail,
        purpose: 'change_email',
        code: input.code,
      });
      if (!result.matched || result.userId !== ctx.user.id) return false;
      await tx
        .update(users)
        .set({ email: input.newEmail, emailConfirmedAt: new Date() })
        .where(eq(users.id, ctx.user.id));
      await queueEmail(tx, emailChangedEmail(ctx.platform, ctx.user.email, input.newEmail));
      return true;
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error, 'users_platform_email_unique')) {
        throw new AppError('CONFLICT', 'newEmail: another account uses this address');
      }
      throw error;
    });
  if (!changed) throw wrongCode();
  return { email: input.newEmail };
}

import type { SignUpInput } from '@samrad/core';
import { users } from '@samrad/db';
import { issueCode } from '../../auth/email-codes.js';
import { hashPassword } from '../../auth/passwords.js';
import { rateLimits, spendTry } from '../../auth/rate-limits.js';
import type { Context } from '../../context.js';
import { queueEmail } from '../../email/outbox.js';
import { AppError } from '../../errors.js';
import { checkAnswers, isUniqueViolation, writeAnswers } from '../users/registration-answers.js';
import { startSession, type SignedIn } from './account-session.js';
import { codeEmail } from './emails.js';

/**
 * A full account (SPEC 4.2 *account*): name, e-mail, password and the platform's enabled
 * registration questions, required ones enforced (SPEC 4.5). It is pending when the platform
 * approves new accounts (SPEC 2.4). A code to confirm the address is sent at once; the account,
 * its answers and that e-mail are written together or not at all.
 */
export async function signUp(ctx: Context, input: SignUpInput): Promise<SignedIn> {
  const { platform } = ctx;
  await spendTry(ctx, { perAddress: rateLimits.signUpPerAddress });
  if (input.locale !== undefined && !platform.locales.includes(input.locale)) {
    throw new AppError('BAD_REQUEST', 'locale: not a language of this platform');
  }
  const answers = await checkAnswers(ctx.db, {
    platformId: platform.id,
    userId: null,
    answers: input.answers ?? {},
    requireAll: true,
  });
  const passwordHash = await hashPassword(input.password);
  const user = await ctx.db
    .transaction(async (tx) => {
      const [created] = await tx
        .insert(users)
        .values({
          platformId: platform.id,
          email: input.email,
          name: input.name,
          locale: input.locale ?? null,
          passwordHash,
          kind: 'full',
          status: platform.registrationApproval ? 'pending' : 'active',
        })
        .returning();
      await writeAnswers(tx, { platformId: platform.id, userId: created!.id, answers });
      const { code } = await issueCode(tx, ctx.keys, {
        platformId: platform.id,
        email: input.email,
        purpose: 'confirm_email',
      });
      await queueEmail(tx, codeEmail(platform, input.email, 'confirm_email', code));
      return created!;
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error, 'users_platform_email_unique')) {
        throw new AppError(
          'CONFLICT',
          'email: an account with this address exists; sign in, or reset its password',
        );
      }
      throw error;
    });
  return startSession(ctx, user);
}

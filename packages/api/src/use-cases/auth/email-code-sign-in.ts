import { randomInt } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { generatedUsername, type ConfirmEmailInput, type RequestCodeInput } from '@samrad/core';
import { users, type Database } from '@samrad/db';
import { consumeCode, issueCode } from '../../auth/email-codes.js';
import { rateLimits, spendTry } from '../../auth/rate-limits.js';
import type { Context, Platform } from '../../context.js';
import { queueEmail } from '../../email/outbox.js';
import { AppError } from '../../errors.js';
import { isUniqueViolation } from '../users/registration-answers.js';
import { startSession, type SignedIn, type UserRow } from './account-session.js';
import { codeEmail } from './emails.js';

export const wrongCode = () => new AppError('BAD_REQUEST', 'code: wrong or expired code');

/**
 * Sends a one-time code to an address (SPEC 4.2 *confirmed e-mail*). The same answer, and the
 * same work, whether or not the address has an account: nothing tells who is registered.
 */
export async function requestCode(ctx: Context, input: RequestCodeInput): Promise<{ sent: true }> {
  await spendTry(ctx, {
    email: input.email,
    perEmail: rateLimits.codeRequestPerEmail,
    perAddress: rateLimits.codeRequestPerAddress,
  });
  await ctx.db.transaction(async (tx) => {
    const { code } = await issueCode(tx, ctx.keys, {
      platformId: ctx.platform.id,
      email: input.email,
      purpose: 'confirm_email',
    });
    await queueEmail(tx, codeEmail(ctx.platform, input.email, 'confirm_email', code));
  });
  return { sent: true };
}

/**
 * The code proves the address: its account's e-mail is confirmed and signed in; an address
 * without one gets a *light account* — no password, a generated name in the platform's format,
 * pending where the platform approves new accounts. A wrong code counts as one of five tries.
 */
export async function confirmEmail(ctx: Context, input: ConfirmEmailInput): Promise<SignedIn> {
  await spendTry(ctx, {
    email: input.email,
    perEmail: rateLimits.codeAttemptPerEmail,
    perAddress: rateLimits.codeAttemptPerAddress,
  });
  const user = await ctx.db.transaction(async (tx) => {
    const proved = await useCode(tx, ctx, { ...input, purpose: 'confirm_email' });
    // Not thrown here: the try must be counted, so this transaction commits.
    if (!proved) return null;
    const existing = proved.account;
    if (!existing) return createLightAccount(tx, ctx.platform, input.email);
    if (existing.emailConfirmedAt) return existing;
    const [confirmed] = await tx
      .update(users)
      .set({ emailConfirmedAt: new Date() })
      .where(eq(users.id, existing.id))
      .returning();
    return confirmed!;
  });
  if (!user) throw wrongCode();
  return startSession(ctx, user);
}

/**
 * Uses up a code sent to an address and, when it matched, locks the address's account (if any)
 * for the change the code allows. Null for a wrong or spent code; call in a transaction that
 * commits either way, so that the try counts.
 */
export async function useCode(
  tx: Database,
  ctx: Context,
  input: { email: string; code: string; purpose: 'confirm_email' | 'reset_password' },
): Promise<{ account: UserRow | undefined } | null> {
  const result = await consumeCode(tx, ctx.keys, { platformId: ctx.platform.id, ...input });
  if (!result.matched) return null;
  const [account] = await tx
    .select()
    .from(users)
    .where(and(eq(users.platformId, ctx.platform.id), eq(users.email, input.email)))
    .for('update');
  return { account };
}

/** Draws names until one is free on the platform (each try in a savepoint of its own). */
async function createLightAccount(
  tx: Database,
  platform: Platform,
  email: string,
): Promise<UserRow> {
  for (let attempt = 0; ; attempt++) {
    const name = generatedUsername(platform.usernameFormat, attempt, randomInt);
    try {
      return await tx.transaction(async (savepoint) => {
        const [created] = await savepoint
          .insert(users)
          .values({
            platformId: platform.id,
            email,
            name,
            kind: 'light',
            emailConfirmedAt: new Date(),
            status: platform.registrationApproval ? 'pending' : 'active',
          })
          .returning();
        return created!;
      });
    } catch (error) {
      if (attempt < 20 && isUniqueViolation(error, 'users_platform_light_name_unique')) continue;
      throw error;
    }
  }
}

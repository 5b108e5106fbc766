import { and, eq } from 'drizzle-orm';
import { changesSomething, type UpdateProfileInput } from '@samrad/core';
import { users } from '@samrad/db';
import type { Context, SessionUser } from '../../context.js';
import { AppError } from '../../errors.js';
import { checkAnswers, isUniqueViolation, writeAnswers } from './registration-answers.js';
import { readProfile, type UserProfile } from './user-profile.js';

/**
 * The caller's own profile (SPEC 2.4: a user edits only their own): name, language, whether they
 * are listed in the member directory, and answers to the platform's enabled registration
 * questions, each checked against its question. Answers a verification vouched for are read-only
 * (SPEC 4.4). Not audited: SPEC 7's log is for what governs access, not for people's profiles.
 */
export async function updateProfile(
  ctx: Context & { user: SessionUser },
  input: UpdateProfileInput,
): Promise<UserProfile> {
  const { answers, ...fields } = input;
  if (fields.locale !== undefined && !ctx.platform.locales.includes(fields.locale)) {
    throw new AppError('BAD_REQUEST', 'locale: not a language of this platform');
  }
  const checked = answers
    ? await checkAnswers(ctx.db, { platformId: ctx.platform.id, userId: ctx.user.id, answers })
    : [];
  const mine = and(eq(users.id, ctx.user.id), eq(users.platformId, ctx.platform.id));
  await ctx.db
    .transaction(async (tx) => {
      if (changesSomething(fields)) await tx.update(users).set(fields).where(mine);
      await writeAnswers(tx, {
        platformId: ctx.platform.id,
        userId: ctx.user.id,
        answers: checked,
      });
    })
    .catch((error: unknown) => {
      // Generated names of light accounts are unique per platform (SPEC 4.2).
      if (isUniqueViolation(error))
        throw new AppError('CONFLICT', 'name: another account already has this name');
      throw error;
    });
  return readProfile(ctx.db, ctx.platform.id, ctx.user.id, true);
}

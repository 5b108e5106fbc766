import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  changesSomething,
  checkRegistrationAnswers,
  type RegistrationAnswer,
  type RegistrationAnswersInput,
  type UpdateProfileInput,
} from '@samrad/core';
import { areas, registrationAnswers, registrationQuestions, users } from '@samrad/db';
import type { Context, SessionUser } from '../../context.js';
import { AppError } from '../../errors.js';
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
  const checked = answers ? await checkAnswers(ctx, answers) : [];
  const mine = and(eq(users.id, ctx.user.id), eq(users.platformId, ctx.platform.id));
  await ctx.db
    .transaction(async (tx) => {
      if (changesSomething(fields)) await tx.update(users).set(fields).where(mine);
      const cleared = checked.filter((v) => v.value === null).map((v) => v.id);
      if (cleared.length > 0) {
        await tx
          .delete(registrationAnswers)
          .where(
            and(
              eq(registrationAnswers.userId, ctx.user.id),
              inArray(registrationAnswers.questionId, cleared),
              eq(registrationAnswers.source, 'user'),
            ),
          );
      }
      const given = checked.filter(
        (v): v is Checked & { value: RegistrationAnswer } => v.value !== null,
      );
      if (given.length > 0) {
        await tx
          .insert(registrationAnswers)
          .values(
            given.map((v) => ({
              platformId: ctx.platform.id,
              userId: ctx.user.id,
              questionId: v.id,
              value: v.value,
            })),
          )
          .onConflictDoUpdate({
            target: [registrationAnswers.userId, registrationAnswers.questionId],
            set: { value: sql`excluded.value` },
            // A verification that lands meanwhile is not overwritten.
            setWhere: eq(registrationAnswers.source, 'user'),
          });
      }
    })
    .catch((error: unknown) => {
      // Generated names of light accounts are unique per platform (SPEC 4.2).
      if (isUniqueViolation(error))
        throw new AppError('CONFLICT', 'name: another account already has this name');
      throw error;
    });
  return readProfile(ctx.db, ctx.platform.id, ctx.user.id, true);
}

interface Checked {
  id: string;
  value: RegistrationAnswer | null;
}

/** Answers checked against the enabled questions, by key; BAD_REQUEST names the first problem. */
async function checkAnswers(
  ctx: Context & { user: SessionUser },
  answers: RegistrationAnswersInput,
): Promise<Checked[]> {
  const questions = await ctx.db
    .select({
      id: registrationQuestions.id,
      key: registrationQuestions.key,
      type: registrationQuestions.type,
      required: registrationQuestions.required,
      options: registrationQuestions.options,
      // Table names spelled out: in a one-table select drizzle would write bare column names.
      vouched: sql<boolean>`exists (select 1 from registration_answers a
        where a.question_id = registration_questions.id and a.user_id = ${ctx.user.id}::uuid
          and a.source = 'verification')`,
    })
    .from(registrationQuestions)
    .where(
      and(
        eq(registrationQuestions.platformId, ctx.platform.id),
        eq(registrationQuestions.enabled, true),
      ),
    );
  const asksArea = questions.some((q) => q.type === 'area' && Object.hasOwn(answers, q.key));
  const areaIds = asksArea
    ? await ctx.db.select({ id: areas.id }).from(areas).where(eq(areas.platformId, ctx.platform.id))
    : [];
  const { values, problems } = checkRegistrationAnswers(
    questions,
    answers,
    new Set(areaIds.map((area) => area.id)),
  );
  const vouched = questions.find((q) => q.vouched && values.has(q.key));
  if (vouched) {
    problems.push({
      field: `answers.${vouched.key}`,
      message: 'vouched for by your verification: it cannot be changed here',
    });
  }
  const [problem] = problems;
  if (problem) throw new AppError('BAD_REQUEST', `${problem.field}: ${problem.message}`);
  const byKey = new Map(questions.map((q) => [q.key, q.id]));
  return [...values].map(([key, value]) => ({ id: byKey.get(key)!, value }));
}

/** PostgreSQL's unique_violation, through drizzle's wrapping of the driver's error. */
function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

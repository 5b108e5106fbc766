import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  checkRegistrationAnswers,
  type RegistrationAnswer,
  type RegistrationAnswersInput,
} from '@samrad/core';
import { areas, registrationAnswers, registrationQuestions, type Database } from '@samrad/db';
import { AppError } from '../../errors.js';

/** An answer checked against its question: the value to store, or null to remove it. */
export interface CheckedAnswer {
  questionId: string;
  value: RegistrationAnswer | null;
}

/**
 * Answers checked against the platform's enabled registration questions (SPEC 4.5), by key;
 * BAD_REQUEST names the first problem (`answers.<key>: …`). For an existing user, answers that a
 * verification vouched for are read-only (SPEC 4.4); at sign-up (`requireAll`), every required
 * question must be answered.
 */
export async function checkAnswers(
  db: Database,
  input: {
    platformId: string;
    userId: string | null;
    answers: RegistrationAnswersInput;
    requireAll?: boolean;
  },
): Promise<CheckedAnswer[]> {
  const { answers } = input;
  const questions = await db
    .select({
      id: registrationQuestions.id,
      key: registrationQuestions.key,
      type: registrationQuestions.type,
      required: registrationQuestions.required,
      options: registrationQuestions.options,
      // Table names spelled out: in a one-table select drizzle would write bare column names.
      vouched: input.userId
        ? sql<boolean>`exists (select 1 from registration_answers a
            where a.question_id = registration_questions.id and a.user_id = ${input.userId}::uuid
              and a.source = 'verification')`
        : sql<boolean>`false`,
    })
    .from(registrationQuestions)
    .where(
      and(
        eq(registrationQuestions.platformId, input.platformId),
        eq(registrationQuestions.enabled, true),
      ),
    )
    .orderBy(registrationQuestions.position);
  const asksArea = questions.some((q) => q.type === 'area' && Object.hasOwn(answers, q.key));
  const areaIds = asksArea
    ? await db.select({ id: areas.id }).from(areas).where(eq(areas.platformId, input.platformId))
    : [];
  const { values, problems } = checkRegistrationAnswers(
    questions,
    answers,
    new Set(areaIds.map((area) => area.id)),
  );
  if (input.requireAll) {
    for (const question of questions) {
      if (
        question.required &&
        !values.get(question.key) &&
        !problems.some((p) => p.field === `answers.${question.key}`)
      ) {
        problems.push({ field: `answers.${question.key}`, message: 'required' });
      }
    }
  }
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
  return [...values].map(([key, value]) => ({ questionId: byKey.get(key)!, value }));
}

/** Stores checked answers in the caller's transaction; a verification's answers stay as they are. */
export async function writeAnswers(
  tx: Database,
  input: { platformId: string; userId: string; answers: CheckedAnswer[] },
): Promise<void> {
  const { platformId, userId } = input;
  const cleared = input.answers.filter((a) => a.value === null).map((a) => a.questionId);
  if (cleared.length > 0) {
    await tx
      .delete(registrationAnswers)
      .where(
        and(
          eq(registrationAnswers.userId, userId),
          inArray(registrationAnswers.questionId, cleared),
          eq(registrationAnswers.source, 'user'),
        ),
      );
  }
  const given = input.answers.filter(
    (a): a is CheckedAnswer & { value: RegistrationAnswer } => a.value !== null,
  );
  if (given.length === 0) return;
  await tx
    .insert(registrationAnswers)
    .values(given.map((a) => ({ platformId, userId, questionId: a.questionId, value: a.value })))
    .onConflictDoUpdate({
      target: [registrationAnswers.userId, registrationAnswers.questionId],
      set: { value: sql`excluded.value` },
      // A verification that lands meanwhile is not overwritten.
      setWhere: eq(registrationAnswers.source, 'user'),
    });
}

/** PostgreSQL's unique_violation, through drizzle's wrapping of the driver's error. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const {
      code,
      constraint_name,
      constraint: name,
    } = e as {
      code?: unknown;
      constraint_name?: unknown;
      constraint?: unknown;
    };
    if (code === '23505')
      return constraint === undefined || (constraint_name ?? name) === constraint;
  }
  return false;
}

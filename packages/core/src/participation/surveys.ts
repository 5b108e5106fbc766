import { z } from 'zod';
import { LocalizedTextInput } from '../i18n/localized-text.js';
import { Id } from '../projects/schemas.js';
import { surveyQuestionTypes, type SurveyQuestionType } from '../registration/question-types.js';

/*
 * API.md `surveys.*` (SPEC 4.1 *take the survey*): questions defined per phase by its managers,
 * answers checked against them.
 */

const Key = z
  .string()
  .max(60)
  .regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits and _, starting with a letter');

const SurveyQuestion = z
  .object({
    key: Key,
    title: LocalizedTextInput,
    type: z.enum(surveyQuestionTypes),
    options: z
      .array(z.object({ key: Key, title: LocalizedTextInput }).strict())
      .min(2)
      .max(50)
      .refine((list) => new Set(list.map((o) => o.key)).size === list.length, {
        message: 'each option key once',
      })
      .optional(),
    required: z.boolean().default(false),
    scaleMin: z.number().int().min(-100).max(100).optional(),
    scaleMax: z.number().int().min(-100).max(100).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    const choice = q.type === 'single' || q.type === 'multiple';
    if (choice !== (q.options !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: choice ? 'required for choice questions' : 'only choice questions have options',
      });
    }
    const scale = q.type === 'scale';
    const bounds = q.scaleMin !== undefined && q.scaleMax !== undefined;
    if (scale !== bounds || (bounds && q.scaleMin! >= q.scaleMax!)) {
      ctx.addIssue({
        code: 'custom',
        path: ['scaleMin'],
        message: scale ? 'a scale needs scaleMin below scaleMax' : 'only scales have bounds',
      });
    }
  });

const questionList = <T extends z.ZodType<{ key: string }>>(question: T, max: number) =>
  z
    .array(question)
    .min(1)
    .max(max)
    .refine((list) => new Set(list.map((q) => q.key)).size === list.length, {
      message: 'each question key once',
    });

export const SetSurveyQuestionsInput = z
  .object({ phaseId: Id, questions: questionList(SurveyQuestion, 100) })
  .strict();
export type SetSurveyQuestionsInput = z.infer<typeof SetSurveyQuestionsInput>;

/**
 * API.md `polls.setQuestions` (SPEC 4.1 *take the poll*): a poll is a short questionnaire of
 * choice questions only, answered once, its results counted per option.
 */
export const SetPollQuestionsInput = z
  .object({
    phaseId: Id,
    questions: questionList(
      SurveyQuestion.refine((q) => q.type === 'single' || q.type === 'multiple', {
        path: ['type'],
        message: 'a poll asks single or multiple choice questions only',
      }),
      20,
    ),
  })
  .strict();

export type SurveyAnswer = string | number | string[];

export const SubmitSurveyInput = z
  .object({
    phaseId: Id,
    answers: z
      .record(Key, z.union([z.string().max(5_000), z.number(), z.array(Key).max(50)]))
      .refine((answers) => Object.keys(answers).length <= 100, { message: 'too many answers' }),
  })
  .strict();
export type SubmitSurveyInput = z.infer<typeof SubmitSurveyInput>;

/** A question as answer checking needs it. */
export interface SurveyQuestionFacts {
  key: string;
  type: SurveyQuestionType;
  required: boolean;
  options: readonly { key: string }[] | null;
  scaleMin: number | null;
  scaleMax: number | null;
}

/**
 * Answers checked against the survey's questions: each key one of them, each value of its type
 * (text; a number; single: one option; multiple: distinct options; scale: an integer within the
 * bounds), every required question answered. Returns the answers to store, or the first problem
 * as `answers.<key>` and a message.
 */
export function checkSurveyAnswers(
  questions: readonly SurveyQuestionFacts[],
  answers: Record<string, SurveyAnswer>,
): { answers: Record<string, SurveyAnswer> } | { field: string; message: string } {
  const byKey = new Map(questions.map((q) => [q.key, q]));
  const kept: Record<string, SurveyAnswer> = {};
  for (const [key, value] of Object.entries(answers)) {
    const question = byKey.get(key);
    const field = `answers.${key}`;
    if (!question) return { field, message: 'not a question of this survey' };
    const problem = answerProblem(question, value);
    if (problem) return { field, message: problem };
    const empty =
      (typeof value === 'string' && value.trim() === '') ||
      (Array.isArray(value) && value.length === 0);
    if (!empty) kept[key] = typeof value === 'string' ? value.trim() : value;
  }
  for (const question of questions) {
    if (question.required && !(question.key in kept)) {
      return { field: `answers.${question.key}`, message: 'required' };
    }
  }
  return { answers: kept };
}

function answerProblem(question: SurveyQuestionFacts, value: SurveyAnswer): string | null {
  const options = new Set(question.options?.map((o) => o.key) ?? []);
  switch (question.type) {
    case 'text':
      return typeof value === 'string' ? null : 'expected text';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'expected a number';
    case 'single':
      return typeof value === 'string' && options.has(value)
        ? null
        : `expected one of ${[...options].join(', ')}`;
    case 'multiple':
      if (!Array.isArray(value) || !value.every((v) => options.has(v))) {
        return `expected a list of ${[...options].join(', ')}`;
      }
      return new Set(value).size === value.length ? null : 'an option is chosen twice';
    case 'scale':
      return typeof value === 'number' &&
        Number.isInteger(value) &&
        value >= (question.scaleMin ?? 0) &&
        value <= (question.scaleMax ?? 0)
        ? null
        : `expected a whole number from ${question.scaleMin} to ${question.scaleMax}`;
  }
}

import { z } from 'zod';
import { LocalizedTextInput } from '../i18n/localized-text.js';
import { Id } from '../projects/schemas.js';
import { registrationQuestionTypes, type RegistrationQuestionType } from './question-types.js';
import { changesSomething, nothingToChange } from '../shared/changes.js';

/*
 * Registration questions (SPEC 4.5, API.md `registrationQuestions.*`) and the answers users give
 * on their profile.
 */

/** As the database's check has it; smart-group rules refer to answers as `answer:<key>`. */
export const RegistrationQuestionKey = z
  .string()
  .max(60)
  .regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits and _, starting with a letter');

/** Option keys are what answers store and smart-group rules compare (`18_34`, `65_plus`). */
const OptionKey = z
  .string()
  .max(60)
  .regex(/^[a-z0-9][a-z0-9_]*$/, 'lower-case letters, digits and _');

export const RegistrationQuestionOption = z
  .object({ key: OptionKey, title: LocalizedTextInput })
  .strict();
export type RegistrationQuestionOption = z.infer<typeof RegistrationQuestionOption>;

const Options = z
  .array(RegistrationQuestionOption)
  .min(2)
  .max(100)
  .superRefine((options, ctx) => {
    const seen = new Set<string>();
    options.forEach((option, index) => {
      if (seen.has(option.key)) {
        ctx.addIssue({ code: 'custom', path: [index, 'key'], message: 'duplicate option key' });
      }
      seen.add(option.key);
    });
  });

/** Only choice questions have options, and they must (the database checks it too). */
const choiceTypes: ReadonlySet<RegistrationQuestionType> = new Set(['single', 'multiple']);

/** The message of a type/options mismatch, or null; for `create` here and `update` in the API. */
export function optionsProblem(type: RegistrationQuestionType, hasOptions: boolean): string | null {
  if (choiceTypes.has(type) && !hasOptions)
    return 'required for single and multiple choice questions';
  if (!choiceTypes.has(type) && hasOptions)
    return 'only single and multiple choice questions have options';
  return null;
}

const Position = z.number().int().min(0).max(10_000);

export const CreateRegistrationQuestionInput = z
  .object({
    key: RegistrationQuestionKey,
    title: LocalizedTextInput,
    description: LocalizedTextInput.optional(),
    type: z.enum(registrationQuestionTypes),
    options: Options.optional(),
    required: z.boolean().default(false),
    enabled: z.boolean().default(true),
    /** Where it is asked; after the others when absent. */
    position: Position.optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    const problem = optionsProblem(input.type, input.options !== undefined);
    if (problem) ctx.addIssue({ code: 'custom', path: ['options'], message: problem });
  });
export type CreateRegistrationQuestionInput = z.infer<typeof CreateRegistrationQuestionInput>;

/**
 * What an admin may change. `key` and `type` are fixed once created: stored answers and
 * smart-group rules (`answer:<key>`) are read by them, so a new key or type is a new question.
 */
export const UpdateRegistrationQuestionInput = z
  .object({
    id: Id,
    title: LocalizedTextInput.optional(),
    description: LocalizedTextInput.nullable().optional(),
    options: Options.optional(),
    required: z.boolean().optional(),
    enabled: z.boolean().optional(),
    position: Position.optional(),
  })
  .strict()
  .refine(changesSomething, nothingToChange);
export type UpdateRegistrationQuestionInput = z.infer<typeof UpdateRegistrationQuestionInput>;

export const DeleteRegistrationQuestionInput = z.object({ id: Id }).strict();
export type DeleteRegistrationQuestionInput = z.infer<typeof DeleteRegistrationQuestionInput>;

// ---------------------------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------------------------

/** An answer as stored (schema/registration.ts). */
export type RegistrationAnswer = string | number | boolean | string[];

/**
 * Answers by question key, as a profile or a sign-up sends them; `null` clears an answer. Each
 * value is checked against its question by `checkRegistrationAnswers`.
 */
export const RegistrationAnswersInput = z
  .record(
    RegistrationQuestionKey,
    z
      .union([z.string().max(1000), z.number(), z.boolean(), z.array(z.string().max(60)).max(100)])
      .nullable(),
  )
  .refine((answers) => Object.keys(answers).length <= 100, { message: 'too many answers' });
export type RegistrationAnswersInput = z.infer<typeof RegistrationAnswersInput>;

/** A question as answer checking needs it. */
export interface AnsweredQuestion {
  key: string;
  type: RegistrationQuestionType;
  required: boolean;
  options: readonly { key: string }[] | null;
}

export interface RegistrationAnswerProblem {
  /** `answers.<key>`: the field the message is about. */
  field: string;
  message: string;
}

const isoDay = z.iso.date();

/**
 * Checks answers against the platform's enabled questions: each key must be one of them, each
 * value must fit its type (text: a string; number; date: YYYY-MM-DD; single: one option key;
 * multiple: distinct option keys; checkbox: true or false; area: one of `areaIds`). An empty
 * text or list is no answer, like `null`, and a required question may not be left without one.
 * Returns the values to store (`null`: remove the answer) and the problems found.
 */
export function checkRegistrationAnswers(
  questions: readonly AnsweredQuestion[],
  answers: RegistrationAnswersInput,
  areaIds: ReadonlySet<string>,
): { values: Map<string, RegistrationAnswer | null>; problems: RegistrationAnswerProblem[] } {
  const byKey = new Map(questions.map((question) => [question.key, question]));
  const values = new Map<string, RegistrationAnswer | null>();
  const problems: RegistrationAnswerProblem[] = [];
  for (const [key, raw] of Object.entries(answers)) {
    const field = `answers.${key}`;
    const question = byKey.get(key);
    if (!question) {
      problems.push({ field, message: 'not one of the platform’s enabled questions' });
      continue;
    }
    const checked = checkAnswer(question, raw);
    if (typeof checked === 'object' && checked !== null && 'problem' in checked) {
      problems.push({ field, message: checked.problem });
    } else if (checked === null && question.required) {
      problems.push({ field, message: 'required' });
    } else if (question.type === 'area' && typeof checked === 'string' && !areaIds.has(checked)) {
      problems.push({ field, message: 'not an area of this platform' });
    } else {
      values.set(key, checked);
    }
  }
  return { values, problems };
}

function checkAnswer(
  question: AnsweredQuestion,
  raw: RegistrationAnswersInput[string],
): RegistrationAnswer | null | { problem: string } {
  if (raw === null) return null;
  const optionKeys = new Set(question.options?.map((option) => option.key) ?? []);
  switch (question.type) {
    case 'text': {
      if (typeof raw !== 'string') return { problem: 'expected text' };
      const text = raw.trim();
      return text === '' ? null : text;
    }
    case 'number':
      return typeof raw === 'number' && Number.isFinite(raw)
        ? raw
        : { problem: 'expected a number' };
    case 'date':
      return typeof raw === 'string' && isoDay.safeParse(raw).success
        ? raw
        : { problem: 'expected a date (YYYY-MM-DD)' };
    case 'checkbox':
      return typeof raw === 'boolean' ? raw : { problem: 'expected true or false' };
    case 'area':
      return typeof raw === 'string' && Id.safeParse(raw).success
        ? raw.toLowerCase()
        : { problem: 'expected an area id' };
    case 'single':
      return typeof raw === 'string' && optionKeys.has(raw)
        ? raw
        : { problem: `expected one of ${[...optionKeys].join(', ')}` };
    case 'multiple': {
      if (!Array.isArray(raw) || !raw.every((item) => optionKeys.has(item))) {
        return { problem: `expected a list of ${[...optionKeys].join(', ')}` };
      }
      if (new Set(raw).size !== raw.length) return { problem: 'an option is chosen twice' };
      return raw.length === 0 ? null : raw;
    }
  }
}

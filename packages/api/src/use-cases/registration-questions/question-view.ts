import { and, eq } from 'drizzle-orm';
import type { LocalizedText, RegistrationQuestionType } from '@samrad/core';
import { registrationQuestions, type Database } from '@samrad/db';
import { notFound } from '../../errors.js';

/** API.md "Registration questions": what the sign-up form and the console show. */
export interface RegistrationQuestionView {
  id: string;
  key: string;
  title: LocalizedText;
  description: LocalizedText;
  type: RegistrationQuestionType;
  /** Only on single and multiple choice questions. */
  options?: { key: string; title: LocalizedText }[];
  required: boolean;
  enabled: boolean;
  position: number;
}

/** Columns selected explicitly, for every read and every `returning`. */
export const questionColumns = {
  id: registrationQuestions.id,
  key: registrationQuestions.key,
  title: registrationQuestions.title,
  description: registrationQuestions.description,
  type: registrationQuestions.type,
  options: registrationQuestions.options,
  required: registrationQuestions.required,
  enabled: registrationQuestions.enabled,
  position: registrationQuestions.position,
};

type QuestionRow = Omit<RegistrationQuestionView, 'options'> & {
  options: RegistrationQuestionView['options'] | null;
};

export function toQuestionView({ options, ...row }: QuestionRow): RegistrationQuestionView {
  return options === null ? row : { ...row, options };
}

/** A question of this platform, locked for the change about to be made, or NOT_FOUND. */
export async function lockQuestion(
  tx: Database,
  platformId: string,
  id: string,
): Promise<RegistrationQuestionView> {
  const [row] = await tx
    .select(questionColumns)
    .from(registrationQuestions)
    .where(and(eq(registrationQuestions.platformId, platformId), eq(registrationQuestions.id, id)))
    .for('update');
  if (!row) throw notFound('Registration question');
  return toQuestionView(row);
}

import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { LocalizedText } from '@samrad/core';
import { id, localizedText, nonEmptyJsonObject, platformId } from './columns.js';
import { contributionChecks, contributionColumns } from './contribution.js';
import { surveyQuestionType } from './enums.js';
import { phases } from './phases.js';

/** Questions of a survey or poll phase. */
export const surveyQuestions = pgTable(
  'survey_questions',
  {
    id: id(),
    platformId: platformId(),
    phaseId: uuid()
      .notNull()
      .references(() => phases.id, { onDelete: 'cascade' }),
    key: text().notNull(),
    title: localizedText().notNull(),
    type: surveyQuestionType().notNull(),
    options: jsonb().$type<{ key: string; title: LocalizedText }[]>(),
    /** Scale questions: the lowest and highest value. */
    scaleMin: integer(),
    scaleMax: integer(),
    required: boolean().notNull().default(false),
    position: integer().notNull().default(0),
  },
  (t) => [
    unique('survey_questions_phase_key_unique').on(t.phaseId, t.key),
    check('survey_questions_title_not_empty', nonEmptyJsonObject('title')),
    check(
      'survey_questions_choices_have_options',
      sql`(${t.type} in ('single', 'multiple')) = (${t.options} is not null)`,
    ),
    check(
      'survey_questions_scale_bounds',
      sql`(${t.type} = 'scale') = (${t.scaleMin} is not null and ${t.scaleMax} is not null)
        and (${t.scaleMin} is null or ${t.scaleMin} < ${t.scaleMax})`,
    ),
  ],
);

/**
 * One response to a survey or poll, answers keyed by question key. Visitors' responses (no
 * sign-in) each get their own id; managers' test responses are marked and kept out of results.
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: id(),
    platformId: platformId(),
    phaseId: uuid()
      .notNull()
      .references(() => phases.id, { onDelete: 'cascade' }),
    answers: jsonb().$type<Record<string, string | number | string[]>>().notNull(),
    isTest: boolean().notNull().default(false),
    ...contributionColumns(),
  },
  (t) => [
    index('survey_responses_phase_idx').on(t.phaseId, t.createdAt),
    index('survey_responses_author_idx').on(t.authorId),
    uniqueIndex('survey_responses_once_per_respondent_idx')
      .on(t.phaseId, t.authorId)
      .where(sql`${t.authorId} is not null and not ${t.isTest}`),
    ...contributionChecks('survey_responses', t),
  ],
);

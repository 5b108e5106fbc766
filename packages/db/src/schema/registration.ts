import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import type { LocalizedText } from '@samrad/core';
import {
  createdAt,
  id,
  localizedText,
  nonEmptyJsonObject,
  platformId,
  updatedAt,
} from './columns.js';
import { registrationQuestionType } from './enums.js';
import { users } from './users.js';

export const answerSource = pgEnum('answer_source', ['user', 'verification']);

/** Geographic areas of the city, for `area` questions and member directory search. */
export const areas = pgTable(
  'areas',
  {
    id: id(),
    platformId: platformId(),
    title: localizedText().notNull(),
    /** A GeoJSON polygon or multipolygon, when drawn. */
    geometry: jsonb(),
    position: integer().notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('areas_platform_idx').on(t.platformId, t.position)],
);

/** Registration questions (SPEC 4.5): only platform admins edit them. */
export const registrationQuestions = pgTable(
  'registration_questions',
  {
    id: id(),
    platformId: platformId(),
    key: text().notNull(),
    title: localizedText().notNull(),
    description: localizedText().notNull().default({}),
    type: registrationQuestionType().notNull(),
    options: jsonb().$type<{ key: string; title: LocalizedText }[]>(),
    required: boolean().notNull().default(false),
    enabled: boolean().notNull().default(true),
    position: integer().notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('registration_questions_platform_key_unique').on(t.platformId, t.key),
    check('registration_questions_title_not_empty', nonEmptyJsonObject('title')),
    check('registration_questions_key_format', sql`${t.key} ~ '^[a-z][a-z0-9_]*$'`),
    check(
      'registration_questions_choices_have_options',
      sql`(${t.type} in ('single', 'multiple')) = (${t.options} is not null)`,
    ),
  ],
);

/**
 * A user's answers live on their profile (SPEC 4.5). Answers vouched for by a verification are
 * marked so and are read-only to the user (SPEC 4.4).
 */
export const registrationAnswers = pgTable(
  'registration_answers',
  {
    platformId: platformId(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    questionId: uuid()
      .notNull()
      .references(() => registrationQuestions.id, { onDelete: 'cascade' }),
    value: jsonb().$type<string | number | boolean | string[]>().notNull(),
    source: answerSource().notNull().default('user'),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.questionId] }),
    // Smart-group rules and breakdowns look answers up by question.
    index('registration_answers_question_idx').on(t.questionId),
  ],
);

import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  createdAt,
  id,
  localizedText,
  nonEmptyJsonObject,
  platformId,
  updatedAt,
} from './columns.js';
import {
  dataCollection,
  participationAction,
  permittedByEnum,
  phaseMethod,
  votingMethod,
} from './enums.js';
import { userGroups } from './groups.js';
import { projects } from './projects.js';
import { registrationQuestions } from './registration.js';

/** Phases of a project, ordered by their dates, each with a participation method. */
export const phases = pgTable(
  'phases',
  {
    id: id(),
    platformId: platformId(),
    projectId: uuid().notNull(),
    title: localizedText().notNull(),
    description: localizedText().notNull().default({}),
    method: phaseMethod().notNull(),
    startAt: timestamp({ withTimezone: true }).notNull(),
    endAt: timestamp({ withTimezone: true }),
    votingMethod: votingMethod(),
    /** Multiple choice: the most options one voter may choose. */
    votingMaxChoices: integer(),
    /** Budget allocation: the total each voter may spend. */
    votingBudget: integer(),
    /** SPEC 4.2: re-verification needed after this many days, when verification is required. */
    reverificationDays: integer(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({
      name: 'phases_project_same_platform_fk',
      columns: [t.projectId, t.platformId],
      foreignColumns: [projects.id, projects.platformId],
    }).onDelete('cascade'),
    unique('phases_id_platform_unique').on(t.id, t.platformId),
    index('phases_project_start_idx').on(t.projectId, t.startAt),
    check('phases_title_not_empty', nonEmptyJsonObject('title')),
    check('phases_end_after_start', sql`${t.endAt} is null or ${t.endAt} > ${t.startAt}`),
    check(
      'phases_voting_settings',
      sql`(${t.method} = 'voting') = (${t.votingMethod} is not null)
        and (${t.votingMaxChoices} is null or (${t.votingMethod} = 'multiple' and ${t.votingMaxChoices} > 0))
        and (${t.votingBudget} is null or (${t.votingMethod} = 'budget' and ${t.votingBudget} > 0))
        and (${t.votingMethod} is distinct from 'budget' or ${t.votingBudget} is not null)`,
    ),
    check(
      'phases_reverification_positive',
      sql`${t.reverificationDays} is null or ${t.reverificationDays} > 0`,
    ),
  ],
);

/**
 * Who may do what in a phase, per action (SPEC 4.2). "No sign-in" is allowed for surveys only,
 * enforced here as well as in the API's validation.
 */
export const participationSettings = pgTable(
  'participation_settings',
  {
    id: id(),
    platformId: platformId(),
    phaseId: uuid()
      .notNull()
      .references(() => phases.id, { onDelete: 'cascade' }),
    action: participationAction().notNull(),
    enabled: boolean().notNull().default(true),
    permittedBy: permittedByEnum().notNull().default('account'),
    dataCollection: dataCollection().notNull().default('all'),
    /** How often one person may act (inputs, reactions or votes per person); null = no cap. */
    maxPerPerson: integer(),
    /** Managers' own text shown to residents when they are refused. */
    refusalMessage: localizedText(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('participation_settings_phase_action_unique').on(t.phaseId, t.action),
    check(
      'participation_settings_no_sign_in_only_for_surveys',
      sql`${t.permittedBy} <> 'everyone' or ${t.action} = 'survey'`,
    ),
    check(
      'participation_settings_cap_positive',
      sql`${t.maxPerPerson} is null or ${t.maxPerPerson} > 0`,
    ),
  ],
);

/** Participation restricted to user groups: a member of any one of them qualifies. */
export const participationSettingGroups = pgTable(
  'participation_setting_groups',
  {
    platformId: platformId(),
    settingId: uuid()
      .notNull()
      .references(() => participationSettings.id, { onDelete: 'cascade' }),
    groupId: uuid()
      .notNull()
      .references(() => userGroups.id, { onDelete: 'restrict' }),
  },
  (t) => [
    primaryKey({ columns: [t.settingId, t.groupId] }),
    index('participation_setting_groups_group_idx').on(t.groupId),
  ],
);

/** Registration questions a phase asks as extra questions (e.g. with confirmed e-mail). */
export const participationExtraQuestions = pgTable(
  'participation_extra_questions',
  {
    platformId: platformId(),
    settingId: uuid()
      .notNull()
      .references(() => participationSettings.id, { onDelete: 'cascade' }),
    questionId: uuid()
      .notNull()
      .references(() => registrationQuestions.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.settingId, t.questionId] })],
);

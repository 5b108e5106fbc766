import { sql } from 'drizzle-orm';
import {
  check,
  doublePrecision,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { bytea, createdAt, id, platformId, updatedAt } from './columns.js';
import { contributionChecks, contributionColumns } from './contribution.js';
import { assessmentStatus, moderationStatus, reactionKind } from './enums.js';
import { phases } from './phases.js';
import { projects } from './projects.js';
import { users } from './users.js';

/** Ideas, proposals and contributions posted in a phase (SPEC 4.1). */
export const inputs = pgTable(
  'inputs',
  {
    id: id(),
    platformId: platformId(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    phaseId: uuid().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    latitude: doublePrecision(),
    longitude: doublePrecision(),
    address: text(),
    /** Hidden inputs disappear from residents' listings, not from managers'. */
    moderation: moderationStatus().notNull().default('visible'),
    moderatedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    moderationReason: text(),
    // Counters kept in the same transaction as the rows they count, for listing without joins.
    reactionsUp: integer().notNull().default(0),
    reactionsDown: integer().notNull().default(0),
    commentsCount: integer().notNull().default(0),
    ...contributionColumns(),
  },
  (t) => [
    foreignKey({
      name: 'inputs_phase_same_platform_fk',
      columns: [t.phaseId, t.platformId],
      foreignColumns: [phases.id, phases.platformId],
    }).onDelete('cascade'),
    index('inputs_phase_listing_idx').on(t.phaseId, t.moderation, t.createdAt),
    index('inputs_project_idx').on(t.projectId),
    index('inputs_author_idx').on(t.authorId),
    check('inputs_title_length', sql`length(trim(${t.title})) between 1 and 300`),
    check('inputs_location_pair', sql`(${t.latitude} is null) = (${t.longitude} is null)`),
    check(
      'inputs_counters_non_negative',
      sql`${t.reactionsUp} >= 0 and ${t.reactionsDown} >= 0 and ${t.commentsCount} >= 0`,
    ),
    ...contributionChecks('inputs', t),
  ],
);

/** The largest image kept, in bytes, after re-encoding. */
export const maxImageBytes = 4 * 1024 * 1024;

/**
 * The images of an input, in their order. Each was re-encoded on upload, so no metadata (where,
 * when, which camera) is kept and an image tells no more of its author than its input does
 * (SPEC 4.4) — nor has it a time of its own.
 */
export const inputImages = pgTable(
  'input_images',
  {
    id: id(),
    platformId: platformId(),
    inputId: uuid()
      .notNull()
      .references(() => inputs.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    contentType: text().notNull(),
    width: integer().notNull(),
    height: integer().notNull(),
    /** What the image shows, for those who cannot see it. */
    alt: text().notNull().default(''),
    content: bytea().notNull(),
  },
  (t) => [
    unique('input_images_position_unique').on(t.inputId, t.position),
    check(
      'input_images_content_type',
      sql`${t.contentType} in ('image/jpeg', 'image/png', 'image/webp')`,
    ),
    check('input_images_size', sql.raw(`octet_length(content) <= ${maxImageBytes}`)),
    check('input_images_dimensions', sql`${t.width} > 0 and ${t.height} > 0`),
  ],
);

/** Comments on inputs, threaded one level deep. */
export const comments = pgTable(
  'comments',
  {
    id: id(),
    platformId: platformId(),
    inputId: uuid()
      .notNull()
      .references(() => inputs.id, { onDelete: 'cascade' }),
    parentId: uuid().references((): AnyPgColumn => comments.id, { onDelete: 'cascade' }),
    body: text().notNull(),
    moderation: moderationStatus().notNull().default('visible'),
    moderatedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    ...contributionColumns(),
  },
  (t) => [
    index('comments_input_idx').on(t.inputId, t.createdAt),
    index('comments_author_idx').on(t.authorId),
    check('comments_body_not_blank', sql`length(trim(${t.body})) > 0`),
    check('comments_not_own_parent', sql`${t.parentId} is null or ${t.parentId} <> ${t.id}`),
    ...contributionChecks('comments', t),
  ],
);

/** Reports of inputs or comments by residents, for moderators. */
export const reports = pgTable(
  'reports',
  {
    id: id(),
    platformId: platformId(),
    inputId: uuid().references(() => inputs.id, { onDelete: 'cascade' }),
    commentId: uuid().references(() => comments.id, { onDelete: 'cascade' }),
    reporterId: uuid().references(() => users.id, { onDelete: 'set null' }),
    reason: text().notNull(),
    resolvedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    resolvedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('reports_open_idx').on(t.platformId, t.resolvedAt),
    // A person reports an input once until a moderator settles it.
    uniqueIndex('reports_open_once')
      .on(t.inputId, t.reporterId)
      .where(sql`${t.resolvedAt} is null and ${t.inputId} is not null`),
    uniqueIndex('reports_open_once_per_comment')
      .on(t.commentId, t.reporterId)
      .where(sql`${t.resolvedAt} is null and ${t.commentId} is not null`),
    check('reports_one_target', sql`(${t.inputId} is null) <> (${t.commentId} is null)`),
  ],
);

/** Up or down, one per user per input. */
export const reactions = pgTable(
  'reactions',
  {
    platformId: platformId(),
    inputId: uuid()
      .notNull()
      .references(() => inputs.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: reactionKind().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.inputId, t.userId] }), index('reactions_user_idx').on(t.userId)],
);

/**
 * A voter's vote in a voting phase (one per voter, a ballot); its choices carry the amount for
 * budget allocation. With personal data collection it can be changed until the phase ends.
 */
export const votes = pgTable(
  'votes',
  {
    id: id(),
    platformId: platformId(),
    phaseId: uuid()
      .notNull()
      .references(() => phases.id, { onDelete: 'cascade' }),
    ...contributionColumns(),
  },
  (t) => [
    uniqueIndex('votes_one_per_voter_idx')
      .on(t.phaseId, t.authorId)
      .where(sql`${t.authorId} is not null`),
    index('votes_author_idx').on(t.authorId),
    ...contributionChecks('votes', t),
  ],
);

export const voteChoices = pgTable(
  'vote_choices',
  {
    platformId: platformId(),
    voteId: uuid()
      .notNull()
      .references(() => votes.id, { onDelete: 'cascade' }),
    inputId: uuid()
      .notNull()
      .references(() => inputs.id, { onDelete: 'cascade' }),
    amount: integer().notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.voteId, t.inputId] }),
    index('vote_choices_input_idx').on(t.inputId),
    check('vote_choices_amount_positive', sql`${t.amount} > 0`),
  ],
);

/** A reviewer's assessment of an input (SPEC 2, project reviewer). */
export const assessments = pgTable(
  'assessments',
  {
    id: id(),
    platformId: platformId(),
    inputId: uuid()
      .notNull()
      .references(() => inputs.id, { onDelete: 'cascade' }),
    reviewerId: uuid().references(() => users.id, { onDelete: 'set null' }),
    status: assessmentStatus().notNull().default('pending'),
    body: text().notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('assessments_one_per_reviewer').on(t.inputId, t.reviewerId),
    index('assessments_input_idx').on(t.inputId),
  ],
);

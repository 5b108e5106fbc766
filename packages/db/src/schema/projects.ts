import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
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
  invitationStatus,
  joinRequestStatus,
  membershipSource,
  projectVisibility,
  publicationStatus,
  reviewStatus,
} from './enums.js';
import { folders } from './folders.js';
import { userGroups } from './groups.js';
import { users } from './users.js';

/** A project sits in a folder or directly under the platform (SPEC 1) and is run in phases. */
export const projects = pgTable(
  'projects',
  {
    id: id(),
    platformId: platformId(),
    folderId: uuid(),
    /** The folders above, root first, ending with `folder_id`; maintained by triggers (0002). */
    folderPath: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    slug: text().notNull(),
    title: localizedText().notNull(),
    description: localizedText().notNull().default({}),
    topics: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    // SPEC 3.1 publication.
    status: publicationStatus().notNull().default('draft'),
    publishedAt: timestamp({ withTimezone: true }),
    /** Set once, at the first publication: after it, managers may republish without review. */
    firstPublishedAt: timestamp({ withTimezone: true }),
    // SPEC 2.3 review before the first publication.
    reviewStatus: reviewStatus().notNull().default('none'),
    reviewComment: text(),
    /** Hash of the current preview link's secret; renewing it revokes the old links. */
    previewTokenHash: text().unique(),
    // SPEC 3.3–3.5 who can find it, who can see it, who takes part.
    listed: boolean().notNull().default(true),
    visibleTo: projectVisibility().notNull().default('everyone'),
    membersOnly: boolean().notNull().default(false),
    joinRequests: boolean().notNull().default(false),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('projects_platform_slug_unique').on(t.platformId, t.slug),
    unique('projects_id_platform_unique').on(t.id, t.platformId),
    foreignKey({
      name: 'projects_folder_same_platform_fk',
      columns: [t.folderId, t.platformId],
      foreignColumns: [folders.id, folders.platformId],
    }).onDelete('restrict'),
    // Listings walk listed projects of a status newest first and stop at a page, whatever the
    // visibility filter (an `or` of many arms that no index order could serve).
    index('projects_listing_idx')
      .on(t.platformId, t.status, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.listed}`),
    index('projects_folder_idx').on(t.platformId, t.folderId),
    index('projects_folder_path_idx').using('gin', t.folderPath),
    // Search in every language at once (`projectSearchText`), by trigrams: no full scan per search.
    index('projects_search_idx').using(
      'gin',
      sql`(${t.title}::text || ' ' || ${t.description}::text) gin_trgm_ops`,
    ),
    check('projects_title_not_empty', nonEmptyJsonObject('title')),
    check('projects_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check(
      'projects_published_has_date',
      sql`${t.status} = 'draft' or ${t.firstPublishedAt} is not null`,
    ),
    check(
      'projects_join_requests_need_members_only',
      sql`${t.membersOnly} or not ${t.joinRequests}`,
    ),
  ],
);

/** SPEC 3.4 "selected groups": a group still used here cannot be deleted silently. */
export const projectVisibilityGroups = pgTable(
  'project_visibility_groups',
  {
    platformId: platformId(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    groupId: uuid()
      .notNull()
      .references(() => userGroups.id, { onDelete: 'restrict' }),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.groupId] }),
    index('project_visibility_groups_group_idx').on(t.groupId),
  ],
);

/** Members of a members-only project (SPEC 3.5). */
export const projectMembers = pgTable(
  'project_members',
  {
    platformId: platformId(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    source: membershipSource().notNull(),
    joinedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.userId] }),
    index('project_members_user_idx').on(t.userId),
  ],
);

export const joinRequests = pgTable(
  'join_requests',
  {
    id: id(),
    platformId: platformId(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: joinRequestStatus().notNull().default('pending'),
    message: text(),
    decidedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('join_requests_one_pending_idx')
      .on(t.projectId, t.userId)
      .where(sql`${t.status} = 'pending'`),
    check(
      'join_requests_decision_complete',
      sql`(${t.status} in ('pending', 'withdrawn')) = (${t.decidedAt} is null)`,
    ),
  ],
);

/** Invitations reach existing users and people not yet registered, by e-mail (SPEC 3.5). */
export const invitations = pgTable(
  'invitations',
  {
    id: id(),
    platformId: platformId(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    email: text().notNull(),
    userId: uuid().references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text().notNull().unique(),
    status: invitationStatus().notNull().default('pending'),
    invitedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    respondedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('invitations_one_pending_idx')
      .on(t.projectId, t.email)
      .where(sql`${t.status} = 'pending'`),
    check('invitations_email_lower', sql`${t.email} = lower(${t.email})`),
  ],
);

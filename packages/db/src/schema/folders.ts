import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import {
  createdAt,
  id,
  localizedText,
  nonEmptyJsonObject,
  platformId,
  updatedAt,
} from './columns.js';
import { publicationStatus } from './enums.js';

/**
 * Folders nest to any depth under the platform (SPEC 1). A parent must belong to the same
 * platform (composite key), and a folder that still holds folders or projects cannot be deleted.
 */
export const folders = pgTable(
  'folders',
  {
    id: id(),
    platformId: platformId(),
    parentId: uuid().references((): AnyPgColumn => folders.id, { onDelete: 'restrict' }),
    /**
     * The folders above, root first. Maintained by triggers from `parent_id` (migration
     * 0002), never written by code, so subtree checks are one array operator and cannot drift.
     */
    path: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    slug: text().notNull(),
    title: localizedText().notNull(),
    description: localizedText().notNull().default({}),
    status: publicationStatus().notNull().default('draft'),
    position: integer().notNull().default(0),
    publishedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('folders_platform_slug_unique').on(t.platformId, t.slug),
    unique('folders_id_platform_unique').on(t.id, t.platformId),
    foreignKey({
      name: 'folders_parent_same_platform_fk',
      columns: [t.parentId, t.platformId],
      foreignColumns: [t.id, t.platformId],
    }),
    index('folders_platform_parent_idx').on(t.platformId, t.parentId, t.position),
    index('folders_path_idx').using('gin', t.path),
    // Every listing collects the platform's draft folders (their branches are hidden): without
    // it, a sequential scan of all the platform's folders per call; with the id, from the index
    // alone.
    index('folders_platform_drafts_idx')
      .on(t.platformId, t.id)
      .where(sql`${t.status} = 'draft'`),
    check('folders_not_own_parent', sql`${t.parentId} is null or ${t.parentId} <> ${t.id}`),
    check('folders_title_not_empty', nonEmptyJsonObject('title')),
    check('folders_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
  ],
);

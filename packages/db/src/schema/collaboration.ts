import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { bytea, createdAt, id, platformId, updatedAt } from './columns.js';
import { fileFolderRight } from './enums.js';
import { userGroups } from './groups.js';
import { projects } from './projects.js';
import { users } from './users.js';

/** Discussion threads inside a project (SPEC 6): members administer their own, managers all. */
export const discussionThreads = pgTable(
  'discussion_threads',
  {
    id: id(),
    platformId: platformId(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    authorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    title: text().notNull(),
    body: text().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('discussion_threads_project_idx').on(t.projectId, t.createdAt),
    check('discussion_threads_title_not_blank', sql`length(trim(${t.title})) > 0`),
  ],
);

export const discussionPosts = pgTable(
  'discussion_posts',
  {
    id: id(),
    platformId: platformId(),
    threadId: uuid()
      .notNull()
      .references(() => discussionThreads.id, { onDelete: 'cascade' }),
    authorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    body: text().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('discussion_posts_thread_idx').on(t.threadId, t.createdAt),
    check('discussion_posts_body_not_blank', sql`length(trim(${t.body})) > 0`),
  ],
);

/** File folders of a project; each grants groups read, or read-create-delete (SPEC 6). */
export const fileFolders = pgTable(
  'file_folders',
  {
    id: id(),
    platformId: platformId(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    unique('file_folders_project_name_unique').on(t.projectId, t.name),
    check('file_folders_name_not_blank', sql`length(trim(${t.name})) > 0`),
  ],
);

export const fileFolderGrants = pgTable(
  'file_folder_grants',
  {
    platformId: platformId(),
    fileFolderId: uuid()
      .notNull()
      .references(() => fileFolders.id, { onDelete: 'cascade' }),
    groupId: uuid()
      .notNull()
      .references(() => userGroups.id, { onDelete: 'restrict' }),
    right: fileFolderRight().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.fileFolderId, t.groupId] }),
    index('file_folder_grants_group_idx').on(t.groupId),
  ],
);

/** Files are stored in the database so they share its transactions, backups and tenancy. */
export const files = pgTable(
  'files',
  {
    id: id(),
    platformId: platformId(),
    fileFolderId: uuid()
      .notNull()
      .references(() => fileFolders.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    contentType: text().notNull(),
    sizeBytes: bigint({ mode: 'number' }).notNull(),
    content: bytea().notNull(),
    uploadedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('files_folder_idx').on(t.fileFolderId, t.createdAt),
    check(
      'files_size',
      sql`${t.sizeBytes} = octet_length(${t.content}) and ${t.sizeBytes} <= 26214400`,
    ),
    check('files_name_not_blank', sql`length(trim(${t.name})) > 0`),
  ],
);

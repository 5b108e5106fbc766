import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, platformId } from './columns.js';
import { users } from './users.js';

/**
 * SPEC 7: every change of roles, groups, visibility, participation settings, publication status
 * and registration questions, written in the same transaction as the change. `folder_id` and
 * `project_id` place the entry in a scope so managers can read their scope's entries; they are
 * not foreign keys so the history survives the deletion of what it describes.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    platformId: platformId(),
    actorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** The actor's name at the time, kept when the account is deleted. */
    actorLabel: text().notNull(),
    action: text().notNull(),
    targetType: text().notNull(),
    targetId: uuid(),
    folderId: uuid(),
    projectId: uuid(),
    before: jsonb(),
    after: jsonb(),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_log_platform_created_idx').on(t.platformId, t.createdAt),
    index('audit_log_project_idx').on(t.projectId, t.createdAt),
    index('audit_log_folder_idx').on(t.folderId, t.createdAt),
  ],
);

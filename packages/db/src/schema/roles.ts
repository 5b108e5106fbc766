import { sql } from 'drizzle-orm';
import { check, foreignKey, index, pgTable, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, platformId } from './columns.js';
import { role, scopeType } from './enums.js';
import { folders } from './folders.js';
import { projects } from './projects.js';
import { users } from './users.js';

/**
 * A role held by a user on one scope (SPEC 2). At most one role per user per scope; the scope
 * columns match the scope type, and the role matches the kind of scope it may be held on.
 */
export const roleAssignments = pgTable(
  'role_assignments',
  {
    id: id(),
    platformId: platformId(),
    userId: uuid().notNull(),
    role: role().notNull(),
    scopeType: scopeType().notNull(),
    folderId: uuid(),
    projectId: uuid(),
    grantedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    unique('role_assignments_one_per_scope')
      .on(t.userId, t.scopeType, t.folderId, t.projectId)
      .nullsNotDistinct(),
    foreignKey({
      name: 'role_assignments_user_same_platform_fk',
      columns: [t.userId, t.platformId],
      foreignColumns: [users.id, users.platformId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'role_assignments_folder_same_platform_fk',
      columns: [t.folderId, t.platformId],
      foreignColumns: [folders.id, folders.platformId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'role_assignments_project_same_platform_fk',
      columns: [t.projectId, t.platformId],
      foreignColumns: [projects.id, projects.platformId],
    }).onDelete('cascade'),
    index('role_assignments_platform_role_idx').on(t.platformId, t.role),
    index('role_assignments_folder_idx').on(t.folderId),
    index('role_assignments_project_idx').on(t.projectId),
    check(
      'role_assignments_scope_columns',
      sql`(${t.scopeType} = 'platform' and ${t.folderId} is null and ${t.projectId} is null)
        or (${t.scopeType} = 'folder' and ${t.folderId} is not null and ${t.projectId} is null)
        or (${t.scopeType} = 'project' and ${t.projectId} is not null and ${t.folderId} is null)`,
    ),
    check(
      'role_assignments_role_fits_scope',
      sql`(${t.role} = 'admin') = (${t.scopeType} = 'platform')
        and (${t.role} = 'folder_manager') = (${t.scopeType} = 'folder')`,
    ),
  ],
);

import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import { auditLog } from '../schema/audit.js';
import { folders } from '../schema/folders.js';
import { projects } from '../schema/projects.js';
import { uuidArray, type SubjectScope } from './subject-scope.js';

/**
 * SQL twin of `audit.read` (SPEC 7): admins read the whole log; folder managers the entries of
 * their branch (its folders and projects); project managers those of their projects.
 */
export function auditEntryReadableBy(s: SubjectScope): SQL {
  const onPlatform = eq(auditLog.platformId, s.platformId);
  if (s.isAdmin) return onPlatform;
  const managed = uuidArray(s.managedFolderIds);
  return and(
    onPlatform,
    or(
      sql`${auditLog.folderId} = any(${managed})`,
      sql`exists (select 1 from ${folders} where ${folders.id} = ${auditLog.folderId} and ${folders.path} && ${managed})`,
      sql`exists (select 1 from ${projects} where ${projects.id} = ${auditLog.projectId}
        and (${projects.folderPath} && ${managed} or ${projects.id} = any(${uuidArray(s.managingProjectIds)})))`,
    ),
  )!;
}

import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { folders } from '../schema/folders.js';
import { projects } from '../schema/projects.js';
import { projectReadableBy } from './projects.js';
import { uuidArray, type SubjectScope } from './subject-scope.js';

/* SQL twins of `readFolder` and `readFolderPath` (`@samrad/core` access/visibility.ts). */

const below = alias(projects, 'below');
const fromBelow = sql`${projects} ${sql.identifier('below')}`;

/** The subject manages the folder: admin, or manager of it or of a folder above it. */
export function folderManagedBy(s: SubjectScope): SQL {
  if (s.isAdmin) return sql`true`;
  const managed = uuidArray(s.managedFolderIds);
  return or(sql`${folders.id} = any(${managed})`, sql`${folders.path} && ${managed}`)!;
}

/**
 * `readFolder`: managers; otherwise not a draft, and either empty (no project anywhere below) or
 * holding a project below that the subject can read (SPEC 3.2).
 */
export function folderReadableBy(s: SubjectScope): SQL {
  const projectBelow = sql`${below.folderPath} @> array[${folders.id}]`;
  return and(
    eq(folders.platformId, s.platformId),
    or(
      folderManagedBy(s),
      and(
        sql`${folders.status} <> 'draft'`,
        or(
          sql`not exists (select 1 from ${fromBelow} where ${projectBelow})`,
          sql`exists (select 1 from ${fromBelow} where ${projectBelow} and ${projectReadableBy(s, below)})`,
        ),
      ),
    ),
  )!;
}

/** `readFolderPath`: readable, or above something the subject manages (SPEC 1). */
export function folderPathReadableBy(s: SubjectScope): SQL {
  return or(
    and(
      eq(folders.platformId, s.platformId),
      sql`${folders.id} = any(${uuidArray(s.managedBelowIds)})`,
    ),
    folderReadableBy(s),
  )!;
}

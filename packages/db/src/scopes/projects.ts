import { and, eq, not, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { folders } from '../schema/folders.js';
import { projects, projectVisibilityGroups } from '../schema/projects.js';
import { uuidArray, type SubjectScope } from './subject-scope.js';

/*
 * SQL twins of the policy's project visibility (`@samrad/core` access/visibility.ts), for
 * listings that never load invisible rows. Property tests hold each equal to the policy.
 */

/** The projects table or an alias of it (folder visibility looks at the projects below). */
export type ProjectsTable = Record<
  'id' | 'platformId' | 'folderPath' | 'status' | 'visibleTo' | 'listed' | 'membersOnly',
  AnyPgColumn
>;

/** The subject stands on the project: admin, manager of a folder above it, or a project role. */
export function projectManagedBy(s: SubjectScope, p: ProjectsTable = projects): SQL {
  if (s.isAdmin) return sql`true`;
  // Empty arms would still be planned (a BitmapOr over their indexes) for every row.
  if (s.managedFolderIds.length === 0 && s.projectRoleIds.length === 0) return sql`false`;
  return or(
    sql`${p.folderPath} && ${uuidArray(s.managedFolderIds)}`,
    sql`${p.id} = any(${uuidArray(s.projectRoleIds)})`,
  )!;
}

/** `readProject`: managers always; others a non-draft visible to everyone or to one of their groups. */
export function projectReadableBy(s: SubjectScope, p: ProjectsTable = projects): SQL {
  const byVisibility = and(
    sql`${p.status} <> 'draft'`,
    or(
      eq(p.visibleTo, 'everyone'),
      and(
        eq(p.visibleTo, 'groups'),
        sql`exists (select 1 from ${projectVisibilityGroups}
          where ${projectVisibilityGroups.projectId} = ${p.id}
            and ${projectVisibilityGroups.groupId} = any(${uuidArray(s.groupIds)}))`,
      ),
    ),
  );
  return and(eq(p.platformId, s.platformId), or(projectManagedBy(s, p), byVisibility))!;
}

/**
 * `listProject`: readable, listed, and — for those who do not manage it, unless searching — not
 * in a draft folder.
 */
export function projectListableBy(
  s: SubjectScope,
  p: ProjectsTable = projects,
  options: { searching?: boolean } = {},
): SQL {
  if (options.searching) return and(projectReadableBy(s, p), eq(p.listed, true))!;
  const draftFolders = sql`(select coalesce(array_agg(${folders.id}), '{}') from ${folders}
    where ${folders.platformId} = ${s.platformId} and ${folders.status} = 'draft')`;
  return and(
    projectReadableBy(s, p),
    eq(p.listed, true),
    or(projectManagedBy(s, p), not(sql`${p.folderPath} && ${draftFolders}`)),
  )!;
}

/**
 * Everything of a scope that `projectListableBy` and `projectReadableBy` look at, as text: two
 * scopes with the same key see the same projects (a property test holds this), so a listing may
 * be shared between them — every admin of a platform, every visitor, all members of the same
 * groups without a role.
 */
export function projectVisibilityKey(s: SubjectScope): string {
  if (s.isAdmin) return `${s.platformId}|admin`;
  const ids = (list: string[]) => [...list].sort().join(',');
  return `${s.platformId}|${ids(s.managedFolderIds)}|${ids(s.projectRoleIds)}|${ids(s.groupIds)}`;
}

/**
 * Projects whose title or description, in any language, contains `text` (case-insensitive).
 * The expression is the one `projects_search_idx` indexes by trigrams.
 */
export function projectMatchesSearch(text: string): SQL {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`(${projects.title}::text || ' ' || ${projects.description}::text) ilike ${pattern}`;
}

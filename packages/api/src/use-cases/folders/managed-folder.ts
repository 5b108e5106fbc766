import { and, eq } from 'drizzle-orm';
import type { FolderFacts } from '@samrad/core';
import { folders, type Database } from '@samrad/db';
import { AppError, notFound } from '../../errors.js';
import type { FolderSummary } from './folder-summary.js';

/** What a change reads of a folder and answers with. */
export const folderRowColumns = {
  id: folders.id,
  parentId: folders.parentId,
  path: folders.path,
  slug: folders.slug,
  title: folders.title,
  description: folders.description,
  status: folders.status,
  publishedAt: folders.publishedAt,
};

/**
 * The folder's row, locked until the transaction ends, and still where the guard decided on it.
 * Who manages a folder follows its place in the tree (a grant covers a subtree), so when a move
 * landed between the guard's decision and this lock the decision may no longer hold: `CONFLICT`,
 * try again. Once locked, no move can change its place before the commit: a move rewrites the
 * path of every folder below it, row by row (migration 0002). `share` for a folder only built
 * upon (a new sub-folder's parent, a move's destination); missing — deleted meanwhile — is
 * `NOT_FOUND`.
 */
export async function lockFolder(
  tx: Database,
  platformId: string,
  decidedOn: Pick<FolderFacts, 'id' | 'ancestorIds'>,
  strength: 'update' | 'share',
) {
  const [row] = await tx
    .select(folderRowColumns)
    .from(folders)
    .where(and(eq(folders.platformId, platformId), eq(folders.id, decidedOn.id)))
    .for(strength);
  if (!row) throw notFound('Folder');
  const moved =
    row.path.length !== decidedOn.ancestorIds.length ||
    row.path.some((id, i) => id !== decidedOn.ancestorIds[i]);
  if (moved) throw new AppError('CONFLICT', 'The folder was just moved: try again');
  return row;
}

/** A folder as those who manage it see it, the answer of every change: never `pathOnly`. */
export type ManagedFolder = Extract<FolderSummary, { pathOnly: false }>;

export function managedView(row: {
  id: string;
  slug: string;
  parentId: string | null;
  title: ManagedFolder['title'];
  description: ManagedFolder['description'];
  status: ManagedFolder['status'];
}): ManagedFolder {
  const { id, slug, parentId, title, description, status } = row;
  return { id, slug, parentId, title, pathOnly: false, description, status };
}

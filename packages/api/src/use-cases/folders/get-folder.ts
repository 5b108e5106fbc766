import { and, eq } from 'drizzle-orm';
import type { GetFolderInput } from '@samrad/core';
import { folderPathReadableBy, folders, type SubjectScope } from '@samrad/db';
import type { Context } from '../../context.js';
import { notFound } from '../../errors.js';
import { folderSummaryColumns, toFolderSummary, type FolderSummary } from './folder-summary.js';

/**
 * One folder. Whether a folder is visible depends on every project below it (SPEC 3.2), so the
 * decision runs in SQL, through the twin of `folder.readPath` that the property tests hold equal
 * to the policy, rather than by loading the whole subtree into Node.
 */
export async function getFolder(
  ctx: Context,
  input: GetFolderInput,
  scope: SubjectScope,
): Promise<FolderSummary> {
  const [row] = await ctx.db
    .select(folderSummaryColumns(scope))
    .from(folders)
    .where(and(eq(folders.id, input.id), folderPathReadableBy(scope)))
    .limit(1);
  if (!row) throw notFound('Folder');
  return toFolderSummary(row);
}

import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { ListFoldersInput } from '@samrad/core';
import { folderPathReadableBy, folders, type SubjectScope } from '@samrad/db';
import type { Context } from '../../context.js';
import { AppError } from '../../errors.js';
import { folderSummaryColumns, toFolderSummary, type FolderSummary } from './folder-summary.js';

/** The folders under a parent (or at the top) that the caller may see, in their order. */
export async function listFolders(
  ctx: Context,
  input: ListFoldersInput,
  scope: SubjectScope,
): Promise<{ items: FolderSummary[]; nextCursor: string | null }> {
  const conditions: (SQL | undefined)[] = [
    folderPathReadableBy(scope),
    input.parentId ? eq(folders.parentId, input.parentId) : isNull(folders.parentId),
  ];
  if (input.cursor) {
    const cursor = decodeCursor(input.cursor);
    conditions.push(
      sql`(${folders.position}, ${folders.id}) > (${cursor.position}, ${cursor.id}::uuid)`,
    );
  }
  const rows = await ctx.db
    .select(folderSummaryColumns(scope))
    .from(folders)
    .where(and(...conditions))
    .orderBy(asc(folders.position), asc(folders.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(toFolderSummary),
    nextCursor:
      rows.length > input.limit && last
        ? Buffer.from(JSON.stringify([last.position, last.id])).toString('base64url')
        : null,
  };
}

function decodeCursor(cursor: string): { position: number; id: string } {
  try {
    const [position, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    if (Number.isSafeInteger(position) && typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id)) {
      return { position: position as number, id };
    }
  } catch {
    // Fall through to the validation error below.
  }
  throw new AppError('BAD_REQUEST', 'cursor: not a cursor returned by this list');
}

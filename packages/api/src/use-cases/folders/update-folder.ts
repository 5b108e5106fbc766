import { and, eq } from 'drizzle-orm';
import type { FolderFacts, UpdateFolderInput } from '@samrad/core';
import { folders } from '@samrad/db';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, SessionUser } from '../../context.js';
import { changedFields } from '../shared/changed-fields.js';
import { textsToChange } from '../shared/texts-to-change.js';
import { folderRowColumns, lockFolder, managedView, type ManagedFolder } from './managed-folder.js';

/**
 * The folder's title and description (SPEC 2.2; the guard decided `folder.update`). Nothing else
 * can be reached from here: the input schema is strict, and place, status and slug have their
 * own procedures. Audited with what really changed, before and after; no change, no entry.
 */
export async function updateFolder(
  ctx: Context & { user: SessionUser },
  input: UpdateFolderInput,
  folder: FolderFacts,
): Promise<ManagedFolder> {
  const next = textsToChange(input, ctx.platform.defaultLocale);
  return ctx.db.transaction(async (tx) => {
    const current = await lockFolder(tx, ctx.platform.id, folder, 'update');
    const { before, after } = changedFields(current, next);
    if (Object.keys(after).length === 0) return managedView(current);
    const [row] = await tx
      .update(folders)
      .set(after)
      .where(and(eq(folders.platformId, ctx.platform.id), eq(folders.id, folder.id)))
      .returning(folderRowColumns);
    await writeAudit(tx, {
      platformId: ctx.platform.id,
      actor: ctx.user,
      action: 'folder.update',
      targetType: 'folder',
      targetId: folder.id,
      folderId: folder.id,
      before,
      after,
    });
    return managedView(row!);
  });
}

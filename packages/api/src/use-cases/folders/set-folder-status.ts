import { and, eq } from 'drizzle-orm';
import type { FolderFacts, SetFolderStatusInput } from '@samrad/core';
import { folders } from '@samrad/db';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, SessionUser } from '../../context.js';
import { folderRowColumns, lockFolder, managedView, type ManagedFolder } from './managed-folder.js';

/**
 * Publishes, archives or sets the folder back to draft (SPEC 3.1; the guard decided
 * `folder.publish`, which folder managers hold in their branch). `publishedAt` is when it was last
 * published: set on publishing, kept when archived, cleared back to draft. Audited; setting the
 * status it already has changes nothing and writes nothing.
 */
export async function setFolderStatus(
  ctx: Context & { user: SessionUser },
  input: SetFolderStatusInput,
  folder: FolderFacts,
): Promise<ManagedFolder> {
  return ctx.db.transaction(async (tx) => {
    const current = await lockFolder(tx, ctx.platform.id, folder, 'update');
    if (current.status === input.status) return managedView(current);
    const publishedAt =
      input.status === 'published'
        ? new Date()
        : input.status === 'draft'
          ? null
          : current.publishedAt;
    const [row] = await tx
      .update(folders)
      .set({ status: input.status, publishedAt })
      .where(and(eq(folders.platformId, ctx.platform.id), eq(folders.id, folder.id)))
      .returning(folderRowColumns);
    await writeAudit(tx, {
      platformId: ctx.platform.id,
      actor: ctx.user,
      action: 'folder.setStatus',
      targetType: 'folder',
      targetId: folder.id,
      folderId: folder.id,
      before: { status: current.status, publishedAt: current.publishedAt },
      after: { status: row!.status, publishedAt: row!.publishedAt },
    });
    return managedView(row!);
  });
}

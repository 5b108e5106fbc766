import { and, eq, sql } from 'drizzle-orm';
import type { FolderFacts } from '@samrad/core';
import { folders } from '@samrad/db';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, SessionUser } from '../../context.js';
import { AppError } from '../../errors.js';
import { endOf } from './create-folder.js';
import { violatedConstraint } from '../shared/database-errors.js';
import { folderRowColumns, lockFolder, managedView, type ManagedFolder } from './managed-folder.js';

/**
 * Moves a folder, with everything below it, under another folder or to the top (SPEC 1), once
 * the guard decided that the caller manages both the place it leaves and the one it goes to
 * (`leavingItsPlace`, `creatingIn`). The database's triggers rewrite the paths of the whole
 * subtree (folders.path, projects.folder_path), so every grant above follows at once: the
 * destination's managers now manage it, the old place's no longer do. Placed last among its new
 * siblings. Audited in the place it left (the platform from the top), as a project's move is, so
 * that branch's managers read where it went.
 */
export async function moveFolder(
  ctx: Context & { user: SessionUser },
  folder: FolderFacts,
  destination: FolderFacts | null,
): Promise<ManagedFolder> {
  const platformId = ctx.platform.id;
  return ctx.db
    .transaction(async (tx) => {
      // Moves run one at a time per platform: two crossing moves (A under B, B under A) would
      // each find the other's old path acyclic, or deadlock on each other's rows.
      await tx.execute(
        sql`select pg_advisory_xact_lock(hashtext(${`samrad.folder-tree:${platformId}`}))`,
      );
      const current = await lockFolder(tx, platformId, folder, 'update');
      if (destination) {
        await lockFolder(tx, platformId, destination, 'share');
        // Checked on the locked, current tree, before writing anything.
        if (destination.ancestorIds.includes(folder.id)) throw underItself();
      }
      const parentId = destination?.id ?? null;
      if (current.parentId === parentId) return managedView(current);
      const [row] = await tx
        .update(folders)
        .set({ parentId, position: endOf(platformId, parentId) })
        .where(and(eq(folders.platformId, platformId), eq(folders.id, folder.id)))
        .returning(folderRowColumns);
      await writeAudit(tx, {
        platformId,
        actor: ctx.user,
        action: 'folder.move',
        targetType: 'folder',
        targetId: folder.id,
        folderId: current.parentId,
        before: { parentId: current.parentId, path: current.path },
        after: { parentId, path: row!.path },
      });
      return managedView(row!);
    })
    .catch((error: unknown) => {
      throw moveRefusal(error);
    });
}

/**
 * The database refuses a cycle too (migration 0002: `folders_not_under_itself`): should a move
 * ever slip past the check above, it is the same `BAD_REQUEST`, never a 500.
 */
export function moveRefusal(error: unknown): unknown {
  return violatedConstraint(error) === 'folders_not_under_itself' ? underItself() : error;
}

function underItself(): AppError {
  return new AppError(
    'BAD_REQUEST',
    'parentId: a folder cannot be moved under itself or one of its sub-folders',
  );
}

import { and, count, eq } from 'drizzle-orm';
import type { FolderFacts } from '@samrad/core';
import { folders, projects, roleAssignments } from '@samrad/db';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, SessionUser } from '../../context.js';
import { AppError } from '../../errors.js';
import { violatedConstraint } from '../shared/database-errors.js';
import { lockFolder } from './managed-folder.js';

/**
 * Deletes an empty folder (SPEC 2.1: admins; the guard decided `folder.delete`). One that still
 * holds folders or projects is refused with `CONFLICT`: nothing below is ever deleted with it.
 * Its managers' roles go with it, each audited as a revocation (SPEC 7), and the entries are
 * placed in the parent folder (the platform at the top), where someone can still read them.
 */
export async function deleteFolder(
  ctx: Context & { user: SessionUser },
  folder: FolderFacts,
): Promise<{ ok: true }> {
  const platformId = ctx.platform.id;
  await ctx.db
    .transaction(async (tx) => {
      // Locked, the folder gains no child before the commit: inserting one, or moving one in,
      // must first lock its parent row too (a foreign-key check), which waits for this lock.
      const current = await lockFolder(tx, platformId, folder, 'update');
      const [subFolders] = await tx
        .select({ n: count() })
        .from(folders)
        .where(and(eq(folders.platformId, platformId), eq(folders.parentId, folder.id)));
      const [inside] = await tx
        .select({ n: count() })
        .from(projects)
        .where(and(eq(projects.platformId, platformId), eq(projects.folderId, folder.id)));
      if (subFolders!.n > 0 || inside!.n > 0) {
        throw stillHolds(`${subFolders!.n} folder(s) and ${inside!.n} project(s)`);
      }
      const place = { platformId, actor: ctx.user, folderId: current.parentId };
      const roles = await tx
        .delete(roleAssignments)
        .where(
          and(eq(roleAssignments.platformId, platformId), eq(roleAssignments.folderId, folder.id)),
        )
        .returning({ userId: roleAssignments.userId, role: roleAssignments.role });
      for (const role of roles) {
        await writeAudit(tx, {
          ...place,
          action: 'role.revoke',
          targetType: 'user',
          targetId: role.userId,
          before: { role: role.role, scope: { type: 'folder', id: folder.id } },
          after: null,
        });
      }
      await tx
        .delete(folders)
        .where(and(eq(folders.platformId, platformId), eq(folders.id, folder.id)));
      await writeAudit(tx, {
        ...place,
        action: 'folder.delete',
        targetType: 'folder',
        targetId: folder.id,
        before: {
          parentId: current.parentId,
          slug: current.slug,
          title: current.title,
          description: current.description,
          status: current.status,
        },
        after: null,
      });
    })
    .catch((error: unknown) => {
      throw deletionRefusal(error);
    });
  return { ok: true };
}

/** The foreign keys that keep a folder holding folders or projects from being deleted. */
const holding = new Set([
  'folders_parent_id_folders_id_fk',
  'folders_parent_same_platform_fk',
  'projects_folder_same_platform_fk',
]);

/**
 * A deletion that lost a race to a new child (past the check above) fails on a foreign key: it is
 * the same refusal, not a 500. Any other error goes on as it is.
 */
export function deletionRefusal(error: unknown): unknown {
  const constraint = violatedConstraint(error);
  return constraint !== undefined && holding.has(constraint)
    ? stillHolds('folders or projects')
    : error;
}

function stillHolds(what: string): AppError {
  return new AppError(
    'CONFLICT',
    `The folder still holds ${what}: move or delete them first, then delete the folder`,
  );
}

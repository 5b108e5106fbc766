import { and, eq, isNull, sql } from 'drizzle-orm';
import { localize, toLocalizedText, type CreateFolderInput, type FolderFacts } from '@samrad/core';
import { folders } from '@samrad/db';
import { writeAudit } from '../../audit/write-audit.js';
import type { Context, SessionUser } from '../../context.js';
import { insertWithFreeSlug, slugify } from '../shared/slugs.js';
import { folderRowColumns, lockFolder, managedView, type ManagedFolder } from './managed-folder.js';

/**
 * A new draft folder (SPEC 3.1), in the folder the guard decided on (`creatingIn`) or at the top,
 * placed after its siblings. Its slug comes from the title in the platform's default language,
 * numbered when taken. The parent is held until the commit, so it is neither moved (the new
 * folder's path is copied from it) nor deleted meanwhile. Audited with the folder.
 */
export async function createFolder(
  ctx: Context & { user: SessionUser },
  input: CreateFolderInput,
  parent: FolderFacts | null,
): Promise<ManagedFolder> {
  const platformId = ctx.platform.id;
  const { defaultLocale } = ctx.platform;
  const title = toLocalizedText(input.title, defaultLocale);
  const description = input.description ? toLocalizedText(input.description, defaultLocale) : {};
  const parentId = parent?.id ?? null;
  return ctx.db.transaction(async (tx) => {
    if (parent) await lockFolder(tx, platformId, parent, 'share');
    const folder = await insertWithFreeSlug(
      tx,
      folders,
      platformId,
      slugify(localize(title, defaultLocale), 'folder'),
      async (slug) => {
        const [row] = await tx
          .insert(folders)
          .values({
            platformId,
            parentId,
            title,
            description,
            slug,
            position: endOf(platformId, parentId),
          })
          .onConflictDoNothing({ target: [folders.platformId, folders.slug] })
          .returning(folderRowColumns);
        return row;
      },
    );
    await writeAudit(tx, {
      platformId,
      actor: ctx.user,
      action: 'folder.create',
      targetType: 'folder',
      targetId: folder.id,
      folderId: folder.id,
      before: null,
      after: { parentId, slug: folder.slug, title, description, status: folder.status },
    });
    return managedView(folder);
  });
}

/** The position after the last folder of a place: new and moved folders come last. */
export function endOf(platformId: string, parentId: string | null) {
  return sql<number>`(select coalesce(max(${folders.position}) + 1, 0) from ${folders} where ${and(
    eq(folders.platformId, platformId),
    parentId === null ? isNull(folders.parentId) : eq(folders.parentId, parentId),
  )})`;
}

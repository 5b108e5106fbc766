import { sql } from 'drizzle-orm';
import type { LocalizedText, PublicationStatus } from '@samrad/core';
import { folderReadableBy, folders, type SubjectScope } from '@samrad/db';

/**
 * A folder as a caller sees it. Folders above a branch the caller manages, which they could not
 * otherwise see, come as names and places only (`pathOnly`, SPEC 1): no description, no status.
 */
export type FolderSummary =
  | {
      id: string;
      slug: string;
      parentId: string | null;
      title: LocalizedText;
      pathOnly: false;
      description: LocalizedText;
      status: PublicationStatus;
    }
  | { id: string; slug: string; parentId: string | null; title: LocalizedText; pathOnly: true };

export function folderSummaryColumns(scope: SubjectScope) {
  return {
    id: folders.id,
    slug: folders.slug,
    parentId: folders.parentId,
    title: folders.title,
    description: folders.description,
    status: folders.status,
    position: folders.position,
    readable: sql<boolean>`(${folderReadableBy(scope)})`,
  };
}

export function toFolderSummary(row: {
  id: string;
  slug: string;
  parentId: string | null;
  title: LocalizedText;
  description: LocalizedText;
  status: PublicationStatus;
  readable: boolean;
}): FolderSummary {
  const place = { id: row.id, slug: row.slug, parentId: row.parentId, title: row.title };
  return row.readable
    ? { ...place, pathOnly: false, description: row.description, status: row.status }
    : { ...place, pathOnly: true };
}

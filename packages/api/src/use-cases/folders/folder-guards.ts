import type { FolderFacts } from '@samrad/core';
import { onFolder, onPlatform, type Guard } from '../../access/guards.js';

const placeAccess = (field: string) =>
  `folder.createFolder on ${field} (folder.createTopLevel without one)`;

/**
 * May the caller put a folder in this place (SPEC 2.1–2.2): in a folder, those who manage it
 * (`folder.createFolder`, decided on that folder: an invisible one is `NOT_FOUND`); at the top,
 * admins (`folder.createTopLevel`). Hands on the folder decided on, null for the top.
 */
export function creatingIn<TInput>(
  field: string,
  parentIdOf: (input: TInput) => string | null | undefined,
): Guard<TInput, { parent: FolderFacts | null }> {
  const topLevel = onPlatform('folder.createTopLevel');
  return {
    access: placeAccess(field),
    async check(ctx, input) {
      const parentId = parentIdOf(input);
      if (parentId == null) {
        await topLevel.check(ctx, input);
        return { parent: null };
      }
      const inFolder = onFolder<TInput>('folder.createFolder', () => parentId);
      return { parent: (await inFolder.check(ctx, input)).folder };
    },
  };
}

/**
 * Taking a folder out of its place, the first half of a move. SPEC: "moving a project or folder
 * to another folder is allowed only to someone who manages both places". The place a folder
 * leaves is its parent (the platform for a top-level one), not the folder itself: its own
 * managers run what is inside it, while where it sits in the organisation tree is for whoever
 * runs the level above — just as a project manager may not move their project out of its folder
 * (`project.move`). So the manager of the folder alone may not move it; a manager of its parent
 * or of any folder above may (within their branch), and at the top only admins. The place is
 * decided like a creation there (`creatingIn`), as the destination is, so "manages both places"
 * is one rule asked twice. `folder.update` on the folder comes first, so that a folder the
 * caller cannot see is `NOT_FOUND` and one they do not manage `FORBIDDEN`, like any other change.
 */
export function leavingItsPlace<TInput>(
  folderIdOf: (input: TInput) => string,
): Guard<TInput, { folder: FolderFacts }> {
  const onIt = onFolder('folder.update', folderIdOf);
  return {
    access: `${onIt.access} on the folder, and ${placeAccess('its parent')}`,
    async check(ctx, input) {
      const { folder } = await onIt.check(ctx, input);
      const place = creatingIn<TInput>('its parent', () => folder.ancestorIds.at(-1));
      await place.check(ctx, input);
      return { folder };
    },
  };
}

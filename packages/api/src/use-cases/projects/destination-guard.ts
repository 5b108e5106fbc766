import type { FolderFacts } from '@samrad/core';
import { onFolder, onPlatform, type Guard } from '../../access/guards.js';

/**
 * Where a project may be placed (SPEC 2.1–2.2): in a folder, by those who manage it
 * (`folder.createProject`, decided on the folder: an invisible one is `NOT_FOUND`); directly under
 * the platform, by admins (`project.createTopLevel`). Creating a project and moving one both need
 * it, so a move is "allowed only to someone who manages both places".
 */
export function onDestination<TInput>(
  folderIdOf: (input: TInput) => string | null | undefined,
): Guard<TInput, { destination: FolderFacts | null }> {
  const inFolder = onFolder<TInput>('folder.createProject', (input) => folderIdOf(input)!);
  const topLevel = onPlatform('project.createTopLevel');
  return {
    access: `${inFolder.access} on folderId (${topLevel.access} without one)`,
    async check(ctx, input) {
      if (folderIdOf(input) == null) {
        await topLevel.check(ctx, input);
        return { destination: null };
      }
      return { destination: (await inFolder.check(ctx, input)).folder };
    },
  };
}

import { z } from 'zod';
import { LocalizedTextInput } from '../i18n/localized-text.js';
import { publicationStatuses } from '../projects/publication.js';
import { Id } from '../projects/schemas.js';
import { changesSomething, nothingToChange } from '../shared/changes.js';

/*
 * Managing folders (SPEC 2.1–2.2, 3.1). Every schema is strict: what a folder's place, status,
 * platform, path or slug is cannot be set through a field that happens to be accepted, only
 * through the procedure that decides it (`folders.move`, `folders.setStatus`).
 */

/** API.md `folders.create`: a draft, in the folder `parentId` or at the top without it. */
export const CreateFolderInput = z
  .object({
    title: LocalizedTextInput,
    description: LocalizedTextInput.optional(),
    parentId: Id.nullish(),
  })
  .strict();
export type CreateFolderInput = z.infer<typeof CreateFolderInput>;

/** API.md `folders.update`: its texts only; the slug stays, so links to the folder keep working. */
export const UpdateFolderInput = z
  .object({
    id: Id,
    title: LocalizedTextInput.optional(),
    description: LocalizedTextInput.optional(),
  })
  .strict()
  .refine(changesSomething, nothingToChange);
export type UpdateFolderInput = z.infer<typeof UpdateFolderInput>;

/** API.md `folders.setStatus` (SPEC 3.1). */
export const SetFolderStatusInput = z
  .object({ id: Id, status: z.enum(publicationStatuses) })
  .strict();
export type SetFolderStatusInput = z.infer<typeof SetFolderStatusInput>;

/** API.md `folders.delete`: only an empty folder goes. */
export const DeleteFolderInput = z.object({ id: Id }).strict();
export type DeleteFolderInput = z.infer<typeof DeleteFolderInput>;

/**
 * `folders.move`: under the folder `parentId`, or to the top with `null` (SPEC 1). Under itself is
 * refused here; under one of its own sub-folders once the tree is known.
 */
export const MoveFolderInput = z
  .object({ id: Id, parentId: Id.nullable() })
  .strict()
  .refine((input) => input.parentId !== input.id, {
    path: ['parentId'],
    message: 'a folder cannot be moved under itself',
  });
export type MoveFolderInput = z.infer<typeof MoveFolderInput>;

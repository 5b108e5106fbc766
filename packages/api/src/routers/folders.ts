import {
  CreateFolderInput,
  DeleteFolderInput,
  GetFolderInput,
  ListFoldersInput,
  MoveFolderInput,
  SetFolderStatusInput,
  UpdateFolderInput,
} from '@samrad/core';
import { both, listing, onFolder } from '../access/guards.js';
import { createFolder } from '../use-cases/folders/create-folder.js';
import { deleteFolder } from '../use-cases/folders/delete-folder.js';
import { creatingIn, leavingItsPlace } from '../use-cases/folders/folder-guards.js';
import { getFolder } from '../use-cases/folders/get-folder.js';
import { listFolders } from '../use-cases/folders/list-folders.js';
import { moveFolder } from '../use-cases/folders/move-folder.js';
import { setFolderStatus } from '../use-cases/folders/set-folder-status.js';
import { updateFolder } from '../use-cases/folders/update-folder.js';
import { forAnyone, forSignedIn, router } from '../trpc.js';

export const foldersRouter = router({
  list: forAnyone(ListFoldersInput.default({ limit: 50 }), listing('folder.readPath')).query(
    ({ ctx, input }) => listFolders(ctx, input, ctx.granted.scope),
  ),
  get: forAnyone(GetFolderInput, listing('folder.readPath')).query(({ ctx, input }) =>
    getFolder(ctx, input, ctx.granted.scope),
  ),
  create: forSignedIn(
    CreateFolderInput,
    creatingIn('parentId', (input) => input.parentId),
  ).mutation(({ ctx, input }) => createFolder(ctx, input, ctx.granted.parent)),
  update: forSignedIn(
    UpdateFolderInput,
    onFolder('folder.update', (input) => input.id),
  ).mutation(({ ctx, input }) => updateFolder(ctx, input, ctx.granted.folder)),
  setStatus: forSignedIn(
    SetFolderStatusInput,
    onFolder('folder.publish', (input) => input.id),
  ).mutation(({ ctx, input }) => setFolderStatus(ctx, input, ctx.granted.folder)),
  delete: forSignedIn(
    DeleteFolderInput,
    onFolder('folder.delete', (input) => input.id),
  ).mutation(({ ctx }) => deleteFolder(ctx, ctx.granted.folder)),
  // "Allowed only to someone who manages both places" (SPEC): the place it leaves, then the one
  // it goes to; see `leavingItsPlace` for what managing the place it leaves means.
  move: forSignedIn(
    MoveFolderInput,
    both(
      leavingItsPlace((input) => input.id),
      creatingIn('parentId', (input) => input.parentId),
    ),
  ).mutation(({ ctx }) => moveFolder(ctx, ctx.granted.folder, ctx.granted.parent)),
});

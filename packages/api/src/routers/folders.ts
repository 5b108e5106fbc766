import { GetFolderInput, ListFoldersInput } from '@samrad/core';
import { listing } from '../access/guards.js';
import { getFolder } from '../use-cases/folders/get-folder.js';
import { listFolders } from '../use-cases/folders/list-folders.js';
import { forAnyone, router } from '../trpc.js';

export const foldersRouter = router({
  list: forAnyone(ListFoldersInput.default({ limit: 50 }), listing('folder.readPath')).query(
    ({ ctx, input }) => listFolders(ctx, input, ctx.granted.scope),
  ),
  get: forAnyone(GetFolderInput, listing('folder.readPath')).query(({ ctx, input }) =>
    getFolder(ctx, input, ctx.granted.scope),
  ),
});

import { GetFolderInput, ListFoldersInput } from '@samrad/core';
import { getFolder } from '../use-cases/folders/get-folder.js';
import { listFolders } from '../use-cases/folders/list-folders.js';
import { publicProcedure, router } from '../trpc.js';

export const foldersRouter = router({
  list: publicProcedure
    .input(ListFoldersInput.default({ limit: 50 }))
    .query(({ ctx, input }) => listFolders(ctx, input)),
  get: publicProcedure.input(GetFolderInput).query(({ ctx, input }) => getFolder(ctx, input)),
});

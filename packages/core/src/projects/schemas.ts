import { z } from 'zod';
import { publicationStatuses } from './publication.js';

export const Id = z.uuid();

export const ListProjectsInput = z
  .object({
    folderId: Id.optional(),
    status: z.enum(publicationStatuses).optional(),
    search: z.string().trim().max(200).optional(),
    cursor: z.string().max(200).nullish(),
    limit: z.number().int().min(1).max(100).default(24),
    /** Sent by tRPC's infinite queries; lists page forward only. */
    direction: z.enum(['forward', 'backward']).optional(),
  })
  .strict();
export type ListProjectsInput = z.infer<typeof ListProjectsInput>;

export const GetProjectInput = z
  .object({
    id: Id,
    /** The secret of a draft's preview link (SPEC 3.1). */
    previewToken: z.string().min(1).max(200).optional(),
  })
  .strict();
export type GetProjectInput = z.infer<typeof GetProjectInput>;

export const ListFoldersInput = z
  .object({
    /** Children of this folder; top-level folders when absent. */
    parentId: Id.optional(),
    cursor: z.string().max(200).nullish(),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .strict();
export type ListFoldersInput = z.infer<typeof ListFoldersInput>;

export const GetFolderInput = z.object({ id: Id }).strict();
export type GetFolderInput = z.infer<typeof GetFolderInput>;

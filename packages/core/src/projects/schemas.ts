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

export const GetProjectInput = z.object({ id: Id }).strict();
export type GetProjectInput = z.infer<typeof GetProjectInput>;

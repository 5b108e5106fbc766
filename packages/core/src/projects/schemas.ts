import { z } from 'zod';
import { LocalizedTextInput } from '../i18n/localized-text.js';
import { projectVisibilities, publicationStatuses } from './publication.js';
import { changesSomething, nothingToChange } from '../shared/changes.js';

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

/** A change names at least one setting besides the project's id. */
/** The id of the project a procedure acts on, and nothing else. */
export const ProjectIdInput = z.object({ id: Id }).strict();
export type ProjectIdInput = z.infer<typeof ProjectIdInput>;

/** API.md `projects.create`: a draft, in a folder or directly under the platform (SPEC 1). */
export const CreateProjectInput = z
  .object({
    title: LocalizedTextInput,
    description: LocalizedTextInput.optional(),
    folderId: Id.optional(),
  })
  .strict();
export type CreateProjectInput = z.infer<typeof CreateProjectInput>;

/** Free labels residents filter by; each once. */
const Topics = z
  .array(z.string().trim().min(1).max(60))
  .max(20)
  .refine((topics) => new Set(topics).size === topics.length, { message: 'each topic once' });

/**
 * API.md `projects.update`: the project's texts only. Status, access, place and slug have their
 * own procedures, each with its own decision; a key not listed here is refused (strict).
 */
export const UpdateProjectInput = z
  .object({
    id: Id,
    title: LocalizedTextInput.optional(),
    description: LocalizedTextInput.optional(),
    topics: Topics.optional(),
  })
  .strict()
  .refine(changesSomething, nothingToChange);
export type UpdateProjectInput = z.infer<typeof UpdateProjectInput>;

/** API.md `projects.setStatus` (SPEC 3.1). */
export const SetProjectStatusInput = z
  .object({ id: Id, status: z.enum(publicationStatuses) })
  .strict();
export type SetProjectStatusInput = z.infer<typeof SetProjectStatusInput>;

/**
 * API.md `projects.setAccess` (SPEC 3.3–3.5). Omitted settings stay as they are; `groupIds`
 * replaces the chosen groups. Whether the result is consistent (groups chosen for `groups`,
 * join requests only when members only) depends on the stored settings, so the use case checks it.
 */
export const SetProjectAccessInput = z
  .object({
    id: Id,
    listed: z.boolean().optional(),
    visibleTo: z.enum(projectVisibilities).optional(),
    groupIds: z
      .array(Id)
      .max(50)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'each group once' })
      .optional(),
    membersOnly: z.boolean().optional(),
    joinRequests: z.boolean().optional(),
  })
  .strict()
  .refine(changesSomething, nothingToChange);
export type SetProjectAccessInput = z.infer<typeof SetProjectAccessInput>;

/** `projects.move`: into a folder, or directly under the platform with `null`. */
export const MoveProjectInput = z.object({ id: Id, folderId: Id.nullable() }).strict();
export type MoveProjectInput = z.infer<typeof MoveProjectInput>;

const ReviewText = z.string().trim().min(1).max(2000);

/** SPEC 2.3: a project manager asks for the review a first publication needs. */
export const RequestReviewInput = z.object({ id: Id, message: ReviewText.optional() }).strict();
export type RequestReviewInput = z.infer<typeof RequestReviewInput>;

/** SPEC 2.3: approve (which publishes) or send back with a comment saying what to change. */
export const DecideReviewInput = z
  .object({ id: Id, decision: z.enum(['approve', 'return']), comment: ReviewText.optional() })
  .strict()
  .refine((input) => input.decision === 'approve' || input.comment !== undefined, {
    path: ['comment'],
    message: 'say what to change when returning a project',
  });
export type DecideReviewInput = z.infer<typeof DecideReviewInput>;

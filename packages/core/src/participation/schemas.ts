import { z } from 'zod';
import { Id } from '../projects/schemas.js';
import { changesSomething, nothingToChange } from '../shared/changes.js';

/*
 * API.md `participation.abilities` and `inputs.*` (SPEC 4). Inputs are strict: an author, a
 * time or a moderation state is never set by whoever posts.
 */

export const PhaseIdInput = z.object({ phaseId: Id }).strict();
export type PhaseIdInput = z.infer<typeof PhaseIdInput>;

const Location = z
  .object({
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    address: z.string().trim().max(300).optional(),
  })
  .strict();

/** Image types an input may carry; never SVG, which is a document that can run script. */
export const imageTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** The most images an input has, and the largest upload of one (its bytes, before base64). */
export const maxImagesPerInput = 4;
export const maxImageUploadBytes = 5 * 1024 * 1024;

/** An image as JSON carries it: its bytes in base64, and what it shows for those who cannot see. */
export const ImageUpload = z
  .object({
    base64: z
      .string()
      .max(Math.ceil(maxImageUploadBytes / 3) * 4)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64, without line breaks'),
    alt: z.string().trim().max(300).optional(),
  })
  .strict();
export type ImageUpload = z.infer<typeof ImageUpload>;

export const CreateInputInput = z
  .object({
    phaseId: Id,
    title: z.string().trim().min(1).max(300),
    body: z.string().trim().min(1).max(10_000),
    location: Location.optional(),
    images: z.array(ImageUpload).max(maxImagesPerInput).optional(),
  })
  .strict();
export type CreateInputInput = z.infer<typeof CreateInputInput>;

export const ListInputsInput = z
  .object({
    phaseId: Id,
    cursor: z.string().max(200).nullish(),
    limit: z.number().int().min(1).max(100).default(24),
  })
  .strict();
export type ListInputsInput = z.infer<typeof ListInputsInput>;

export const InputIdInput = z.object({ id: Id }).strict();
export type InputIdInput = z.infer<typeof InputIdInput>;

export const ImageIdInput = z.object({ id: Id }).strict();
export type ImageIdInput = z.infer<typeof ImageIdInput>;

const InputIds = z
  .array(Id)
  .min(1)
  .max(100)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'each input once' });

/**
 * API.md `votes.cast`: the caller's ballot in a voting phase — `inputIds` for single and
 * multiple choice, `allocations` for budget allocation. A ballot replaces the caller's earlier one
 * while the phase runs (personal data collection; otherwise a ballot is cast once).
 */
export const CastVoteInput = z
  .object({
    phaseId: Id,
    inputIds: InputIds.optional(),
    allocations: z
      .array(z.object({ inputId: Id, amount: z.number().int().min(1).max(1_000_000_000) }).strict())
      .min(1)
      .max(100)
      .refine((list) => new Set(list.map((a) => a.inputId)).size === list.length, {
        message: 'each input once',
      })
      .optional(),
  })
  .strict()
  .refine((input) => (input.inputIds === undefined) !== (input.allocations === undefined), {
    path: ['inputIds'],
    message: 'either inputIds (single or multiple choice) or allocations (budget)',
  });
export type CastVoteInput = z.infer<typeof CastVoteInput>;

/** An image an input keeps when its images change, by its id. */
const KeptImage = z.object({ id: Id }).strict();

export const UpdateInputInput = z
  .object({
    id: Id,
    title: z.string().trim().min(1).max(300).optional(),
    body: z.string().trim().min(1).max(10_000).optional(),
    /** The input's images from now on, in order: those it keeps by id, new ones uploaded. */
    images: z
      .array(z.union([KeptImage, ImageUpload]))
      .max(maxImagesPerInput)
      .optional(),
  })
  .strict()
  .refine(changesSomething, { ...nothingToChange, path: ['title'] });
export type UpdateInputInput = z.infer<typeof UpdateInputInput>;

/** Moderation: a hidden input leaves residents' listings, not its managers' (SPEC 4). */
export const ModerateInputInput = z
  .object({ id: Id, hidden: z.boolean(), reason: z.string().trim().max(1_000).optional() })
  .strict();
export type ModerateInputInput = z.infer<typeof ModerateInputInput>;

/**
 * Reporting (SPEC 4, moderation): signed-in residents report an input or a comment they find out of
 * place; once this many different people have, it is hidden from residents' listings until a moderator looks
 * (as Decidim does) — fewer could let one person silence another.
 */
export const reportsToHide = 3;

/** `inputs.report` and `comments.report`: what is reported, by its id, and why. */
export const ReportInput = z
  .object({ id: Id, reason: z.string().trim().min(1).max(1_000) })
  .strict();
export type ReportInput = z.infer<typeof ReportInput>;

export const ListReportsInput = z
  .object({
    projectId: Id,
    cursor: z.string().max(200).nullish(),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .strict();
export type ListReportsInput = z.infer<typeof ListReportsInput>;

/** API.md `comments.*`: threaded one level deep (a reply answers a comment, not a reply). */
export const ListCommentsInput = z
  .object({
    inputId: Id,
    cursor: z.string().max(200).nullish(),
    limit: z.number().int().min(1).max(200).default(100),
  })
  .strict();
export type ListCommentsInput = z.infer<typeof ListCommentsInput>;

export const CreateCommentInput = z
  .object({ inputId: Id, body: z.string().trim().min(1).max(5_000), parentId: Id.optional() })
  .strict();
export type CreateCommentInput = z.infer<typeof CreateCommentInput>;

export const CommentIdInput = z.object({ id: Id }).strict();
export type CommentIdInput = z.infer<typeof CommentIdInput>;

/** Comments follow the rules of inputs: their authors edit them, moderators hide them. */
export const UpdateCommentInput = z
  .object({ id: Id, body: z.string().trim().min(1).max(5_000) })
  .strict();
export type UpdateCommentInput = z.infer<typeof UpdateCommentInput>;

export const ModerateCommentInput = z.object({ id: Id, hidden: z.boolean() }).strict();
export type ModerateCommentInput = z.infer<typeof ModerateCommentInput>;

/** API.md `reactions.set`: up, down, or none (taking one's reaction back). */
export const SetReactionInput = z
  .object({ inputId: Id, kind: z.enum(['up', 'down']).nullable() })
  .strict();
export type SetReactionInput = z.infer<typeof SetReactionInput>;

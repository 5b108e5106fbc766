import { z } from 'zod';
import { LocalizedTextInput } from '../i18n/localized-text.js';
import { Id } from '../projects/schemas.js';
import { changesSomething, nothingToChange } from '../shared/changes.js';

/*
 * `volunteering.*` (SPEC 4.1 *volunteer*): causes set by a volunteering phase's managers, each
 * with an optional number of places, that residents sign up for.
 */

/** How many people a cause takes; none: as many as come. */
const Capacity = z.number().int().min(1).max(1_000_000);

export const CreateCauseInput = z
  .object({
    phaseId: Id,
    title: LocalizedTextInput,
    description: LocalizedTextInput.optional(),
    capacity: Capacity.optional(),
  })
  .strict();
export type CreateCauseInput = z.infer<typeof CreateCauseInput>;

export const UpdateCauseInput = z
  .object({
    id: Id,
    title: LocalizedTextInput.optional(),
    description: LocalizedTextInput.optional(),
    capacity: Capacity.nullable().optional(),
    position: z.number().int().min(0).max(1_000).optional(),
  })
  .strict()
  .refine(changesSomething, nothingToChange);
export type UpdateCauseInput = z.infer<typeof UpdateCauseInput>;

export const CauseIdInput = z.object({ id: Id }).strict();
export type CauseIdInput = z.infer<typeof CauseIdInput>;

export const VolunteerInput = z.object({ causeId: Id }).strict();
export type VolunteerInput = z.infer<typeof VolunteerInput>;

export const ListVolunteersInput = z
  .object({
    causeId: Id,
    cursor: z.string().max(200).nullish(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();
export type ListVolunteersInput = z.infer<typeof ListVolunteersInput>;

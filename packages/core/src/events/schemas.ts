import { z } from 'zod';
import { LocalizedTextInput } from '../i18n/localized-text.js';
import { Instant, whenValid } from '../phases/schemas.js';
import { Id } from '../projects/schemas.js';
import { changesSomething, nothingToChange } from '../shared/changes.js';

/*
 * `events.*` (SPEC 6, SPEC 4.1 *register for an event*): events of a project, set by those who
 * manage it, that residents register for within their places.
 */

/** How many people an event takes; none: as many as come. */
const Capacity = z.number().int().min(1).max(1_000_000);

const Location = z.string().trim().min(1).max(300);

/** Where to join online: a web page only, so no `javascript:` link ever reaches a page. */
const OnlineUrl = z.url({ protocol: /^https?$/ }).max(2_000);

/**
 * Why an event's times disagree, or null: one that ends must end after it starts. Checked on the
 * input of `events.create` and on the merged row of `events.update`, so both refuse alike.
 */
export function eventTimesProblem(event: { startAt: Date; endAt: Date | null }): string | null {
  return event.endAt !== null && event.endAt.getTime() <= event.startAt.getTime()
    ? 'must be after startAt'
    : null;
}

export const ListEventsInput = z
  .object({
    projectId: Id,
    /** Only events not over yet: ending now or later, or, without an end, starting now or later. */
    upcoming: z.boolean().optional(),
    cursor: z.string().max(200).nullish(),
    limit: z.number().int().min(1).max(100).default(24),
  })
  .strict();
export type ListEventsInput = z.infer<typeof ListEventsInput>;

export const EventIdInput = z.object({ id: Id }).strict();
export type EventIdInput = z.infer<typeof EventIdInput>;

export const CreateEventInput = z
  .object({
    projectId: Id,
    /** The phase whose `attend` setting decides who may register; none: announced only. */
    phaseId: Id.optional(),
    title: LocalizedTextInput,
    description: LocalizedTextInput.optional(),
    location: Location.optional(),
    onlineUrl: OnlineUrl.optional(),
    startAt: Instant,
    endAt: Instant.optional(),
    capacity: Capacity.optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    const problem = eventTimesProblem({ startAt: input.startAt, endAt: input.endAt ?? null });
    if (problem) ctx.addIssue({ code: 'custom', path: ['endAt'], message: problem });
  }, whenValid);
export type CreateEventInput = z.infer<typeof CreateEventInput>;

/** What may change on an event; its project may not. Null clears what may be absent. */
export const UpdateEventInput = z
  .object({
    id: Id,
    phaseId: Id.nullable().optional(),
    title: LocalizedTextInput.optional(),
    description: LocalizedTextInput.nullable().optional(),
    location: Location.nullable().optional(),
    onlineUrl: OnlineUrl.nullable().optional(),
    startAt: Instant.optional(),
    endAt: Instant.nullable().optional(),
    capacity: Capacity.nullable().optional(),
  })
  .strict()
  .refine(changesSomething, nothingToChange);
export type UpdateEventInput = z.infer<typeof UpdateEventInput>;

export const EventRegistrationInput = z.object({ eventId: Id }).strict();
export type EventRegistrationInput = z.infer<typeof EventRegistrationInput>;

export const ListEventRegistrationsInput = z
  .object({
    eventId: Id,
    cursor: z.string().max(200).nullish(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();
export type ListEventRegistrationsInput = z.infer<typeof ListEventRegistrationsInput>;

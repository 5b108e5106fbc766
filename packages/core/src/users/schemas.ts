import { z } from 'zod';
import { Locale } from '../i18n/localized-text.js';
import { Id } from '../projects/schemas.js';
import { RegistrationAnswersInput } from '../registration/schemas.js';
import { userStatuses } from './status.js';
import { changesSomething, nothingToChange } from '../shared/changes.js';

/** E-mail addresses are compared lower-case everywhere. */
export const Email = z.string().trim().toLowerCase().pipe(z.email().max(320));

export const SignInInput = z
  .object({
    email: Email,
    password: z.string().min(1).max(1024),
  })
  .strict();
export type SignInInput = z.infer<typeof SignInInput>;

/** A user, by id (`users.get`, `users.approve`, `users.block`, `users.delete`). */
export const UserIdInput = z.object({ id: Id }).strict();
export type UserIdInput = z.infer<typeof UserIdInput>;

export const ListUsersInput = z
  .object({
    /** Matches names, and e-mail addresses where the caller may see them. */
    search: z.string().trim().max(200).optional(),
    /** Members of this user group. */
    groupId: Id.optional(),
    status: z.enum(userStatuses).optional(),
    cursor: z.string().max(200).nullish(),
    limit: z.number().int().min(1).max(100).default(50),
    /** Sent by tRPC's infinite queries; lists page forward only. */
    direction: z.enum(['forward', 'backward']).optional(),
  })
  .strict();
export type ListUsersInput = z.infer<typeof ListUsersInput>;

/**
 * What a user changes on their own profile (SPEC 2.4). Strict: status, e-mail, roles and the
 * platform are never set through it, and the input names no user — it is always the caller.
 */
export const UpdateProfileInput = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    locale: Locale.optional(),
    /** SPEC 6: found by other signed-in users in the member directory. */
    listedInDirectory: z.boolean().optional(),
    answers: RegistrationAnswersInput.optional(),
  })
  .strict()
  .refine(changesSomething, nothingToChange);
export type UpdateProfileInput = z.infer<typeof UpdateProfileInput>;

import { z } from 'zod';
import { Locale } from '../i18n/localized-text.js';
import { RegistrationAnswersInput } from '../registration/schemas.js';
import { Email } from './schemas.js';

/*
 * API.md `auth.*`: accounts (SPEC 2.4, 4.2). Every input is strict: an account's status, kind or
 * roles are never set by the person signing up.
 */

/** Long enough to resist guessing (NIST 800-63B asks for 8; a passphrase is better). */
export const Password = z
  .string()
  .min(10, 'at least 10 characters')
  .max(256, 'at most 256 characters');

export const PersonName = z.string().trim().min(1).max(120);

/** A six-digit one-time code, as the e-mail shows it. */
export const EmailCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'the six digits from the e-mail');

export const SignUpInput = z
  .object({
    email: Email,
    password: Password,
    name: PersonName,
    locale: Locale.optional(),
    answers: RegistrationAnswersInput.optional(),
  })
  .strict();
export type SignUpInput = z.infer<typeof SignUpInput>;

export const RequestCodeInput = z.object({ email: Email }).strict();
export type RequestCodeInput = z.infer<typeof RequestCodeInput>;

export const ConfirmEmailInput = z.object({ email: Email, code: EmailCode }).strict();
export type ConfirmEmailInput = z.infer<typeof ConfirmEmailInput>;

export const RequestPasswordResetInput = z.object({ email: Email }).strict();
export type RequestPasswordResetInput = z.infer<typeof RequestPasswordResetInput>;

export const ResetPasswordInput = z
  .object({ email: Email, code: EmailCode, password: Password })
  .strict();
export type ResetPasswordInput = z.infer<typeof ResetPasswordInput>;

export const ChangePasswordInput = z
  .object({ currentPassword: z.string().min(1).max(1024), newPassword: Password })
  .strict();
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

/** The current password proves it is the account's owner (not only someone at their screen). */
export const RequestEmailChangeInput = z
  .object({ newEmail: Email, password: z.string().min(1).max(1024).optional() })
  .strict();
export type RequestEmailChangeInput = z.infer<typeof RequestEmailChangeInput>;

export const ConfirmEmailChangeInput = z.object({ newEmail: Email, code: EmailCode }).strict();
export type ConfirmEmailChangeInput = z.infer<typeof ConfirmEmailChangeInput>;

/**
 * `auth.startVerification`: where the browser goes once the provider sent it back — a page of
 * this server, or of an origin the platform registered for embedding (checked by the API).
 */
export const StartVerificationInput = z
  .object({ returnTo: z.string().trim().max(2000).optional() })
  .strict()
  .optional();
export type StartVerificationInput = z.infer<typeof StartVerificationInput>;

import { z } from 'zod';
import { Locale } from '../i18n/localized-text.js';
import { RegistrationQuestionKey } from '../registration/schemas.js';
import { usernameFormats } from '../users/status.js';
import { changesSomething, nothingToChange } from '../shared/changes.js';

/** An origin a city embeds the widgets from: scheme, host and port, nothing else (SPEC 8). */
const Origin = z
  .string()
  .trim()
  .max(300)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
    } catch {
      return false;
    }
  }, 'an origin such as https://www.city.example (no path, no trailing slash)');

/**
 * An OpenID Connect issuer: https, or http on this machine's loopback only (a provider run for
 * tests or beside the server).
 */
const Issuer = z
  .string()
  .trim()
  .max(500)
  .refine((value) => {
    try {
      const url = new URL(value);
      const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
      return url.protocol === 'https:' || (url.protocol === 'http:' && loopback);
    } catch {
      return false;
    }
  }, 'an https URL (http only on localhost)');

/**
 * SPEC 4.2 *verified*: the platform's verification method, an OpenID Connect provider. Its
 * client secret is written, never read back; omitted, the stored one stays. `attributes` maps
 * registration questions to the claims the provider vouches for (`{ birth_year: 'birthdate' }`):
 * those answers become read-only on the profile (SPEC 4.4).
 */
export const VerificationSettingsInput = z
  .object({
    issuer: Issuer,
    clientId: z.string().trim().min(1).max(300),
    clientSecret: z.string().min(1).max(1000).optional(),
    attributes: z
      .record(RegistrationQuestionKey, z.string().trim().min(1).max(100))
      .refine((map) => Object.keys(map).length <= 20, { message: 'at most 20 attributes' })
      .optional(),
  })
  .strict();
export type VerificationSettingsInput = z.infer<typeof VerificationSettingsInput>;

/** API.md `platform.update`: the settings an admin changes; at least one. */
export const UpdatePlatformInput = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    locales: z.array(Locale).min(1).max(5).optional(),
    defaultLocale: Locale.optional(),
    registrationApproval: z.boolean().optional(),
    usernameFormat: z.enum(usernameFormats).optional(),
    managersMayDelegate: z.boolean().optional(),
    embedOrigins: z.array(Origin).max(50).optional(),
    /** null: no verification method any more. */
    verification: VerificationSettingsInput.nullable().optional(),
  })
  .strict()
  .refine(changesSomething, nothingToChange);
export type UpdatePlatformInput = z.infer<typeof UpdatePlatformInput>;

/** `platform.outbox`: the e-mail the platform sent, newest first. */
export const ListOutboxInput = z
  .object({
    cursor: z.string().max(200).nullish(),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .strict();
export type ListOutboxInput = z.infer<typeof ListOutboxInput>;

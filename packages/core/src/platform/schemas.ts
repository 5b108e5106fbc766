import { z } from 'zod';
import { Locale } from '../i18n/localized-text.js';
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
  })
  .strict()
  .refine(changesSomething, nothingToChange);
export type UpdatePlatformInput = z.infer<typeof UpdatePlatformInput>;

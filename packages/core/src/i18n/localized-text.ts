import { z } from 'zod';
import { locales, type LocalizedText } from './locales.js';

export const Locale = z.enum(locales);
export type Locale = z.infer<typeof Locale>;

/** API input: a plain string (in the platform's default locale) or a per-locale object. */
export const LocalizedTextInput = z.union([
  z.string().trim().min(1).max(10_000),
  z
    .object(
      Object.fromEntries(locales.map((l) => [l, z.string().trim().min(1).max(10_000).optional()])),
    )
    .strict()
    .refine((text) => Object.values(text).some((value) => value !== undefined), {
      message: 'at least one language is required',
    }),
]);
export type LocalizedTextInput = z.infer<typeof LocalizedTextInput>;

export function toLocalizedText(input: LocalizedTextInput, defaultLocale: Locale): LocalizedText {
  return typeof input === 'string' ? { [defaultLocale]: input } : input;
}

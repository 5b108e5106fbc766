import { z } from 'zod';

/** The languages the platform speaks (SPEC 8: at least these five). */
export const locales = ['en', 'sv', 'da', 'fi', 'nb'] as const;
export type Locale = (typeof locales)[number];
export const Locale = z.enum(locales);

/** A text in several languages, keyed by locale; at least one must be present. */
export type LocalizedText = Partial<Record<Locale, string>>;

/** API input: a plain string (in the platform's default locale) or a per-locale object. */
export const LocalizedTextInput = z.union([
  z.string().trim().min(1).max(10_000),
  z
    .object(Object.fromEntries(locales.map((l) => [l, z.string().trim().min(1).max(10_000).optional()])))
    .strict()
    .refine((text) => Object.values(text).some((value) => value !== undefined), {
      message: 'at least one language is required',
    }),
]);
export type LocalizedTextInput = z.infer<typeof LocalizedTextInput>;

export function toLocalizedText(input: LocalizedTextInput, defaultLocale: Locale): LocalizedText {
  return typeof input === 'string' ? { [defaultLocale]: input } : (input as LocalizedText);
}

/** The text in the wanted locale, else the first of the fallbacks that has one, else any. */
export function localize(
  text: LocalizedText | null | undefined,
  locale: string,
  fallbacks: readonly string[] = ['en'],
): string {
  if (!text) return '';
  const record = text as Record<string, string | undefined>;
  for (const candidate of [locale, locale.split('-')[0] ?? locale, ...fallbacks]) {
    const value = record[candidate];
    if (value) return value;
  }
  return Object.values(record).find((value) => value) ?? '';
}

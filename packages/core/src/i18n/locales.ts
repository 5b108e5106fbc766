// No zod here: widgets bundle this module, and it must stay small.

/** The languages the platform speaks (SPEC 8: at least these five). */
export const locales = ['en', 'sv', 'da', 'fi', 'nb'] as const;
// The exported `Locale` (schema and type) lives beside the zod schemas in localized-text.ts.
type LocaleCode = (typeof locales)[number];

/** A text in several languages, keyed by locale; at least one must be present. */
export type LocalizedText = Partial<Record<LocaleCode, string>>;

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

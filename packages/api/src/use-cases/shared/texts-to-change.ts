import { toLocalizedText, type Locale, type LocalizedTextInput } from '@samrad/core';

/**
 * The title and description an update gives, each as a text in every language (a plain string is
 * in the platform's default language); one it leaves out stays undefined, so that
 * `changedFields` passes it over.
 */
export function textsToChange(
  input: { title?: LocalizedTextInput; description?: LocalizedTextInput },
  defaultLocale: Locale,
) {
  const text = (value: LocalizedTextInput | undefined) =>
    value === undefined ? undefined : toLocalizedText(value, defaultLocale);
  return { title: text(input.title), description: text(input.description) };
}

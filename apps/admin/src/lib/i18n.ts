import { localize, type LocalizedText } from '@samrad/core';

/** The console speaks English until staff can choose their language. */
export const consoleLocale = 'en';

export function text(value: LocalizedText | null | undefined): string {
  return localize(value, consoleLocale);
}

const dates = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });

export function formatDateRange(startAt: string, endAt: string | null): string {
  const start = new Date(startAt);
  return endAt ? dates.formatRange(start, new Date(endAt)) : `from ${dates.format(start)}`;
}

import type { Locale } from '@samrad/core';
import { format, type Messages } from '../shared/i18n.js';

export const defaultProjectUrl = '#samrad-project-{id}';

/**
 * The card's link from the page's `project-url` template. Values are URL-encoded so that a
 * slug can never change the shape of the URL the city chose.
 */
export function projectHref(
  template: string | null | undefined,
  project: { id: string; slug: string },
): string {
  const pattern = template?.trim() || defaultProjectUrl;
  return pattern.replace(/\{(id|slug)\}/g, (_match, key: 'id' | 'slug') =>
    encodeURIComponent(project[key]),
  );
}

/** Plain text cut at a word boundary, so cards stay the same height whatever the description. */
export function excerpt(text: string, max = 160): string {
  const plain = text.replace(/\s+/g, ' ').trim();
  if (plain.length <= max) return plain;
  const cut = plain.slice(0, max - 1);
  const endsOnWord = /[\s.,;:!?]/.test(plain.charAt(max - 1));
  const lastSpace = cut.lastIndexOf(' ');
  const words = endsOnWord || lastSpace <= max / 2 ? cut : cut.slice(0, lastSpace);
  return `${words.replace(/[\s.,;:!?–—-]+$/, '')}…`;
}

export type PhaseTiming = 'current' | 'upcoming' | 'ended';

/** The API gives the running phase, else the next, else the last: say which one it is. */
export function phaseTiming(
  phase: { startAt: string; endAt: string | null },
  now: Date,
): PhaseTiming {
  if (Date.parse(phase.startAt) > now.getTime()) return 'upcoming';
  if (phase.endAt !== null && Date.parse(phase.endAt) <= now.getTime()) return 'ended';
  return 'current';
}

/** "until 31 Dec 2026", "starts 1 Mar 2027", "ended 5 May 2026"; empty for an open-ended phase. */
export function phaseDates(
  phase: { startAt: string; endAt: string | null },
  timing: PhaseTiming,
  locale: Locale,
  t: Messages,
): string {
  const date = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso));
  if (timing === 'upcoming') return format(t.dates.starts, { date: date(phase.startAt) });
  if (phase.endAt === null) return '';
  return format(timing === 'ended' ? t.dates.ended : t.dates.until, { date: date(phase.endAt) });
}

import { locales, type Locale, type PhaseMethod } from '@samrad/core';

/** A message that varies with a count; the form is picked by the locale's plural rules. */
export interface Plural {
  one: string;
  other: string;
}

/** The widgets' own interface texts; project contents come localized from the API. */
export interface Messages {
  loading: string;
  loadingMore: string;
  empty: string;
  error: string;
  retry: string;
  showMore: string;
  shown: Plural;
  folder: string;
  phase: { current: string; upcoming: string; ended: string };
  dates: { until: string; starts: string; ended: string };
  methods: Record<PhaseMethod, string>;
}

const en: Messages = {
  loading: 'Loading projects…',
  loadingMore: 'Loading more projects…',
  empty: 'There are no projects to show right now.',
  error: 'The projects could not be loaded.',
  retry: 'Try again',
  showMore: 'Show more projects',
  shown: { one: '{count} project shown', other: '{count} projects shown' },
  folder: 'Folder',
  phase: { current: 'Current phase', upcoming: 'Next phase', ended: 'Last phase' },
  dates: { until: 'until {date}', starts: 'starts {date}', ended: 'ended {date}' },
  methods: {
    ideation: 'Ideas',
    survey: 'Survey',
    voting: 'Voting',
    information: 'Information',
    poll: 'Poll',
    volunteering: 'Volunteering',
  },
};

const sv: Messages = {
  loading: 'Laddar projekt…',
  loadingMore: 'Laddar fler projekt…',
  empty: 'Det finns inga projekt att visa just nu.',
  error: 'Projekten kunde inte laddas.',
  retry: 'Försök igen',
  showMore: 'Visa fler projekt',
  shown: { one: '{count} projekt visas', other: '{count} projekt visas' },
  folder: 'Mapp',
  phase: { current: 'Pågående fas', upcoming: 'Nästa fas', ended: 'Senaste fas' },
  dates: { until: 'till och med {date}', starts: 'startar {date}', ended: 'avslutades {date}' },
  methods: {
    ideation: 'Idéer',
    survey: 'Enkät',
    voting: 'Omröstning',
    information: 'Information',
    poll: 'Snabbfråga',
    volunteering: 'Volontärinsats',
  },
};

const da: Messages = {
  loading: 'Indlæser projekter…',
  loadingMore: 'Indlæser flere projekter…',
  empty: 'Der er ingen projekter at vise lige nu.',
  error: 'Projekterne kunne ikke indlæses.',
  retry: 'Prøv igen',
  showMore: 'Vis flere projekter',
  shown: { one: '{count} projekt vises', other: '{count} projekter vises' },
  folder: 'Mappe',
  phase: { current: 'Aktuel fase', upcoming: 'Næste fase', ended: 'Seneste fase' },
  dates: { until: 'indtil {date}', starts: 'starter {date}', ended: 'sluttede {date}' },
  methods: {
    ideation: 'Idéer',
    survey: 'Spørgeskema',
    voting: 'Afstemning',
    information: 'Information',
    poll: 'Hurtig afstemning',
    volunteering: 'Frivilligt arbejde',
  },
};

const fi: Messages = {
  loading: 'Ladataan hankkeita…',
  loadingMore: 'Ladataan lisää hankkeita…',
  empty: 'Näytettäviä hankkeita ei ole juuri nyt.',
  error: 'Hankkeita ei voitu ladata.',
  retry: 'Yritä uudelleen',
  showMore: 'Näytä lisää hankkeita',
  shown: { one: 'Näytetään {count} hanke', other: 'Näytetään {count} hanketta' },
  folder: 'Kansio',
  phase: { current: 'Käynnissä oleva vaihe', upcoming: 'Seuraava vaihe', ended: 'Viimeisin vaihe' },
  dates: { until: '{date} asti', starts: 'alkaa {date}', ended: 'päättyi {date}' },
  methods: {
    ideation: 'Ideat',
    survey: 'Kysely',
    voting: 'Äänestys',
    information: 'Tiedotus',
    poll: 'Pikakysely',
    volunteering: 'Vapaaehtoistyö',
  },
};

const nb: Messages = {
  loading: 'Laster inn prosjekter…',
  loadingMore: 'Laster inn flere prosjekter…',
  empty: 'Det er ingen prosjekter å vise akkurat nå.',
  error: 'Prosjektene kunne ikke lastes inn.',
  retry: 'Prøv igjen',
  showMore: 'Vis flere prosjekter',
  shown: { one: '{count} prosjekt vises', other: '{count} prosjekter vises' },
  folder: 'Mappe',
  phase: { current: 'Pågående fase', upcoming: 'Neste fase', ended: 'Siste fase' },
  dates: { until: 'til {date}', starts: 'starter {date}', ended: 'avsluttet {date}' },
  methods: {
    ideation: 'Idéer',
    survey: 'Spørreundersøkelse',
    voting: 'Avstemning',
    information: 'Informasjon',
    poll: 'Hurtigavstemning',
    volunteering: 'Frivillig arbeid',
  },
};

/** Every platform language must have every text: the type makes a missing one a build error. */
export const catalog: Record<Locale, Messages> = { en, sv, da, fi, nb };

/**
 * The platform language a BCP 47 tag asks for (`sv-FI` → `sv`), or undefined when the
 * platform does not speak it. Norwegian pages are often tagged `no` or `nn`, which Bokmål
 * serves better than falling back to another language entirely.
 */
export function supportedLocale(tag: string | null | undefined): Locale | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  if (!primary) return undefined;
  if (primary === 'no' || primary === 'nn') return 'nb';
  return (locales as readonly string[]).includes(primary) ? (primary as Locale) : undefined;
}

export function messages(locale: Locale): Messages {
  return catalog[locale];
}

/** Fills `{name}` placeholders; an unknown placeholder stays visible rather than vanishing. */
export function format(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

export function plural(locale: Locale, forms: Plural, count: number): string {
  const form = new Intl.PluralRules(locale).select(count) === 'one' ? forms.one : forms.other;
  return format(form, { count: new Intl.NumberFormat(locale).format(count) });
}

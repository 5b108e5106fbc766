import { locales } from '@samrad/core';
import { describe, expect, it } from 'vitest';
import { catalog, format, plural, supportedLocale, type Messages } from './i18n.js';

/** Every text of a catalog, keyed by its path, e.g. `phase.current`. */
function flatten(messages: Messages): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'string') out.set(path, value);
    else
      for (const [key, child] of Object.entries(value as object))
        walk(child, path ? `${path}.${key}` : key);
  };
  walk(messages, '');
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('catalog', () => {
  const english = flatten(catalog.en);

  it.each(locales)(
    '%s has every text, non-empty, with the same placeholders as English',
    (locale) => {
      const texts = flatten(catalog[locale]);
      expect([...texts.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [path, text] of texts) {
        expect(text.trim(), `${locale} ${path}`).not.toBe('');
        expect(placeholders(text), `${locale} ${path}`).toEqual(
          placeholders(english.get(path) ?? ''),
        );
      }
    },
  );

  it('is translated, not copied from English', () => {
    for (const locale of locales.filter((l) => l !== 'en')) {
      expect(catalog[locale].showMore, locale).not.toBe(catalog.en.showMore);
    }
  });
});

describe('supportedLocale', () => {
  it.each([
    ['sv', 'sv'],
    ['sv-FI', 'sv'],
    ['EN_gb', 'en'],
    ['fi', 'fi'],
    ['no', 'nb'],
    ['nn-NO', 'nb'],
    ['da-DK', 'da'],
  ])('reads %s as %s', (tag, expected) => {
    expect(supportedLocale(tag)).toBe(expected);
  });

  it.each([['de'], [''], ['  '], [null], [undefined]])('has no platform language for %j', (tag) => {
    expect(supportedLocale(tag)).toBeUndefined();
  });
});

describe('format and plural', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('until {date}', { date: '1 May' })).toBe('until 1 May');
    expect(format('{missing} here', {})).toBe('{missing} here');
  });

  it("follows each language's plural rules", () => {
    expect(plural('en', catalog.en.shown, 1)).toBe('1 project shown');
    expect(plural('en', catalog.en.shown, 3)).toBe('3 projects shown');
    expect(plural('fi', catalog.fi.shown, 1)).toBe('Näytetään 1 hanke');
    expect(plural('fi', catalog.fi.shown, 2)).toBe('Näytetään 2 hanketta');
    expect(plural('da', catalog.da.shown, 2)).toBe('2 projekter vises');
  });
});

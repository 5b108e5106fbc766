import { describe, expect, it } from 'vitest';
import { localize } from './locales.js';
import { LocalizedTextInput, toLocalizedText } from './localized-text.js';

describe('localize', () => {
  const text = { sv: 'Cykelbanor', en: 'Cycle lanes' };
  it.each([
    ['sv', 'Cykelbanor'],
    ['sv-FI', 'Cykelbanor'],
    ['en', 'Cycle lanes'],
    ['da', 'Cycle lanes'],
  ])('picks %s → %s', (locale, expected) => {
    expect(localize(text, locale)).toBe(expected);
  });
  it('falls back to any language when neither the locale nor the fallbacks have one', () => {
    expect(localize({ fi: 'Pyöräkaistat' }, 'sv')).toBe('Pyöräkaistat');
    expect(localize(null, 'sv')).toBe('');
  });
});

describe('LocalizedTextInput', () => {
  it('accepts a plain string and keys it by the default locale', () => {
    expect(toLocalizedText(LocalizedTextInput.parse('Parks'), 'da')).toEqual({ da: 'Parks' });
  });
  it('refuses an empty object, unknown languages and blank strings', () => {
    expect(LocalizedTextInput.safeParse({}).success).toBe(false);
    expect(LocalizedTextInput.safeParse({ xx: 'Hi' }).success).toBe(false);
    expect(LocalizedTextInput.safeParse('   ').success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { catalog } from '../shared/i18n.js';
import { excerpt, phaseDates, phaseTiming, projectHref } from './card.js';

const project = { id: '0b6a-42', slug: 'cycle-lanes-storgatan' };

describe('projectHref', () => {
  it('links to an anchor by id when the page gives no template', () => {
    expect(projectHref(undefined, project)).toBe('#samrad-project-0b6a-42');
    expect(projectHref('  ', project)).toBe('#samrad-project-0b6a-42');
  });

  it('fills {slug} and {id}, as often as they appear', () => {
    expect(projectHref('/projects/{slug}', project)).toBe('/projects/cycle-lanes-storgatan');
    expect(projectHref('https://city.example/p?id={id}&s={slug}#{id}', project)).toBe(
      'https://city.example/p?id=0b6a-42&s=cycle-lanes-storgatan#0b6a-42',
    );
  });

  it('encodes the values so they cannot change the URL around them', () => {
    expect(projectHref('/projects/{slug}', { id: '1', slug: '../admin?x=1#y' })).toBe(
      '/projects/..%2Fadmin%3Fx%3D1%23y',
    );
  });
});

describe('excerpt', () => {
  it('keeps a short text whole, with its whitespace collapsed', () => {
    expect(excerpt('  Safer  cycling\non Storgatan. ')).toBe('Safer cycling on Storgatan.');
  });

  it('cuts a long text at a word boundary within the limit', () => {
    const text =
      'We want to hear from everyone who walks, cycles or drives along Storgatan every day.';
    const cut = excerpt(text, 40);
    expect(cut).toBe('We want to hear from everyone who walks…');
    expect(cut.length).toBeLessThanOrEqual(40);
  });

  it('cuts a text without spaces at the limit', () => {
    expect(excerpt('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('phaseTiming and phaseDates', () => {
  // 10:00 UTC is the same calendar day from UTC−10 to UTC+13, so dates read alike wherever tests run.
  const now = new Date('2026-06-15T10:00:00Z');
  const running = { startAt: '2026-06-01T00:00:00Z', endAt: '2026-06-30T10:00:00Z' };
  const next = { startAt: '2026-09-01T10:00:00Z', endAt: null };
  const past = { startAt: '2026-01-01T00:00:00Z', endAt: '2026-02-01T10:00:00Z' };
  const open = { startAt: '2026-01-01T00:00:00Z', endAt: null };

  it('tells the running phase from the next and the last one', () => {
    expect(phaseTiming(running, now)).toBe('current');
    expect(phaseTiming(open, now)).toBe('current');
    expect(phaseTiming(next, now)).toBe('upcoming');
    expect(phaseTiming(past, now)).toBe('ended');
  });

  it('says when the phase ends, starts or ended, in the language asked for', () => {
    expect(phaseDates(running, 'current', 'en', catalog.en)).toBe('until Jun 30, 2026');
    expect(phaseDates(next, 'upcoming', 'en', catalog.en)).toBe('starts Sep 1, 2026');
    expect(phaseDates(past, 'ended', 'sv', catalog.sv)).toBe('avslutades 1 feb. 2026');
    expect(phaseDates(open, 'current', 'en', catalog.en)).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generatedUsername } from './usernames.js';

/** A random source that replays the given draws (each taken modulo the range asked for). */
const draws = (values: number[]) => {
  let i = 0;
  return (n: number) => (values[i++ % values.length] ?? 0) % n;
};

describe('generated user names (SPEC 4.2)', () => {
  it('look like "User 123456" or an animal name, whatever is drawn', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
        fc.nat(10),
        (values, attempt) => {
          expect(generatedUsername('user', attempt, draws(values))).toMatch(/^User \d{6}$/);
          const animal = generatedUsername('animal', attempt, draws(values));
          expect(animal).toMatch(
            attempt < 3 ? /^[A-Z][a-z]+ [A-Z][a-z]+$/ : /^[A-Z][a-z]+ [A-Z][a-z]+ \d+$/,
          );
        },
      ),
    );
  });

  it('pad the number of a "User" name to six digits', () => {
    expect(generatedUsername('user', 0, () => 42)).toBe('User 000042');
  });

  it('offer enough animal names that drawing again soon finds a free one', () => {
    const names = new Set<string>();
    for (let a = 0; a < 40; a++) {
      for (let b = 0; b < 40; b++) names.add(generatedUsername('animal', 0, draws([a, b])));
    }
    expect(names.size).toBeGreaterThanOrEqual(1_600);
  });
});

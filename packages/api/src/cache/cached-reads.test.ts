import { describe, expect, it } from 'vitest';
import { cachedReads } from './cached-reads.js';

const value = (n: number) => ({ n });

describe('cached reads', () => {
  it('loads once per stamp and key, and again under a new stamp', async () => {
    const reads = cachedReads<{ n: number }>({ max: 10 });
    let loads = 0;
    const load = () => Promise.resolve(value(++loads));
    expect(await reads.read('s1', 'k', load)).toEqual(value(1));
    expect(await reads.read('s1', 'k', load)).toEqual(value(1));
    expect(await reads.read('s1', 'other', load)).toEqual(value(2));
    expect(await reads.read('s2', 'k', load)).toEqual(value(3));
  });

  it('shares one load between concurrent misses', async () => {
    const reads = cachedReads<{ n: number }>({ max: 10 });
    let loads = 0;
    const load = async () => {
      loads += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return value(loads);
    };
    const results = await Promise.all([1, 2, 3].map(() => reads.read('s', 'k', load)));
    expect(loads).toBe(1);
    expect(results).toEqual([value(1), value(1), value(1)]);
  });

  it('keeps neither misses nor failures, and loads every time without a stamp', async () => {
    const reads = cachedReads<{ n: number }>({ max: 10 });
    let loads = 0;
    await reads.read('s', 'missing', () => Promise.resolve((loads++, undefined)));
    await reads.read('s', 'missing', () => Promise.resolve((loads++, undefined)));
    expect(loads).toBe(2);
    await expect(
      reads.read('s', 'failing', () => Promise.reject(new Error('down'))),
    ).rejects.toThrow('down');
    expect(await reads.read('s', 'failing', () => Promise.resolve(value(7)))).toEqual(value(7));
    await reads.read(null, 'k', () => Promise.resolve((loads++, value(0))));
    await reads.read(null, 'k', () => Promise.resolve((loads++, value(0))));
    expect(loads).toBe(4);
  });

  it('keeps a value no longer than it says it stays true', async () => {
    const reads = cachedReads<{ n: number }>({ max: 10 });
    let loads = 0;
    const load = () => Promise.resolve(value(++loads));
    const validFor = () => 30;
    await reads.read('s', 'k', load, validFor);
    await reads.read('s', 'k', load, validFor);
    expect(loads).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    await reads.read('s', 'k', load, validFor);
    expect(loads).toBe(2);
  });
});

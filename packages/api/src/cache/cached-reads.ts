import { LRUCache } from 'lru-cache';

/** A safety net under the change feed: nothing cached is older than this, whatever happens. */
export const maxAgeMs = 60_000;

interface Load<V> {
  load: () => Promise<V | undefined>;
  validForMs: ((value: V) => number) | undefined;
}

/**
 * Reads kept in memory, each under the change feed's stamp of what it depends on: a change moves
 * the stamp, so a read made before it is never found again, and a read made while a change was
 * committing is filed under the stamp it started with. Concurrent misses of one key share one
 * load; misses (undefined) and failures are not kept. Without a stamp (the feed cannot be
 * trusted) every call loads.
 */
export function cachedReads<V extends object>(options: { max: number }) {
  const cache = new LRUCache<string, V, Load<V>>({
    max: options.max,
    ttl: maxAgeMs,
    // An entry evicted while loading still answers the calls waiting for it.
    ignoreFetchAbort: true,
    async fetchMethod(_key, _stale, { context, options: set }) {
      const value = await context.load();
      if (value !== undefined && context.validForMs) {
        // At least 1 ms: a ttl of 0 would mean forever.
        set.ttl = Math.max(1, Math.min(maxAgeMs, context.validForMs(value)));
      }
      return value;
    },
  });
  return {
    read(
      stamp: string | null,
      key: string,
      load: () => Promise<V | undefined>,
      /** How long this value stays true, when it depends on the time (a phase that ends). */
      validForMs?: (value: V) => number,
    ): Promise<V | undefined> {
      if (stamp === null) return load();
      return cache.fetch(`${stamp}|${key}`, { context: { load, validForMs } });
    },
  };
}
export type CachedReads<V extends object> = ReturnType<typeof cachedReads<V>>;

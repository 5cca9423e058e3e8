import type { ChangeClock } from "./types";

/** Keys kept per clock: a bound, not an LRU (the next watched write retires every entry anyway). */
const MAX_KEYS = 10_000;

/**
 * Answers kept in memory until the next write a ChangeClock watches (local mode:
 * pglite-write-clock.ts), by key. An entry holds the clock's reading taken before its load and
 * is stored only if the clock still reads the same after it, so an answer that overlapped a
 * write in any way is never kept; any later write advances the clock and retires every entry.
 * Without a clock (aws mode: Neon is written by many instances) every call loads.
 */
export function clockCache<V>(): (clock: ChangeClock | undefined, key: string, load: () => Promise<V>) => Promise<V> {
  const caches = new WeakMap<ChangeClock, Map<string, { at: number; value: V }>>();
  return async (clock, key, load) => {
    if (!clock) return load();
    let cache = caches.get(clock);
    if (!cache) caches.set(clock, (cache = new Map()));
    const before = clock.now();
    const hit = cache.get(key);
    if (hit && hit.at === before) return hit.value;
    const value = await load();
    if (clock.now() === before) {
      if (cache.size >= MAX_KEYS) cache.clear();
      cache.set(key, { at: before, value });
    }
    return value;
  };
}

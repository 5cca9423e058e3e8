import type { Platform } from "../platform";
import type { ChangeClock } from "../platform/types";
import { listProjects, type Project } from "./service";

/**
 * `project.list` answered from memory while nothing that could change it was written.
 * Locally one PGlite query is ~1 ms of the web process's only core and dominated the
 * procedure's CPU profile (bench/README.md). An entry holds the reading of the platform's
 * projects clock taken before its query and is stored only if the clock still reads the same
 * after it; any later write advances the clock and so retires every entry. In aws mode the
 * platform has no clock and every call queries.
 */
const MAX_USERS = 10_000;
type Entry = { at: number; rows: readonly Project[] };

/** Frozen, array and rows: the same answer is handed to every caller until the next write (and its serialisation is kept: server/api/transformer.ts). */
const frozen = (rows: Project[]): readonly Project[] => Object.freeze(rows.map((r) => Object.freeze(r)));
const caches = new WeakMap<ChangeClock, Map<string, Entry>>();

export async function listProjectsCached(platform: Platform, ownerId: string): Promise<readonly Project[]> {
  const clock = platform.projectsClock;
  if (!clock) return listProjects(platform.db, ownerId);
  let cache = caches.get(clock);
  if (!cache) caches.set(clock, (cache = new Map()));
  const before = clock.now();
  const hit = cache.get(ownerId);
  if (hit && hit.at === before) return hit.rows;
  const rows = frozen(await listProjects(platform.db, ownerId));
  if (clock.now() === before) {
    if (cache.size >= MAX_USERS) cache.clear(); // a bound, not an LRU: a write clears every entry anyway
    cache.set(ownerId, { at: before, rows });
  }
  return rows;
}

import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { evictLeastRecentlyUsed, recordEntrySize, touchEntry } from "./cache-lru";

/**
 * Content-keyed cache directories (installed dependencies, build output): built in a staging
 * directory and renamed into place, so a half-built entry is never used and two builders of
 * the same key (in this process or another) never clash. A failed build leaves nothing.
 */

const building = new Map<string, Promise<string>>();

export type CacheResult = { dir: string; hit: boolean };

/** Whether a key is already built (to tell the user before a long step starts). */
export const isCached = (root: string, kind: string, key: string) => existsSync(join(root, kind, key));

export async function cachedDir(root: string, kind: string, key: string, build: (staging: string) => Promise<void>): Promise<CacheResult> {
  if (!/^[a-f0-9]{16,64}$/.test(key)) throw new Error(`bad cache key '${key}'`);
  const dir = join(root, kind, key);
  if (existsSync(dir)) {
    touchEntry(dir);
    return { dir, hit: true };
  }
  const pending = building.get(dir);
  if (pending) return { dir: await pending, hit: true };
  const job = (async () => {
    mkdirSync(join(root, kind), { recursive: true, mode: 0o755 });
    const staging = join(root, kind, `.staging-${key}-${randomBytes(4).toString("hex")}`);
    mkdirSync(staging, { mode: 0o755 });
    try {
      await build(staging);
      recordEntrySize(staging);
      try {
        renameSync(staging, dir);
      } catch (e) {
        // Another process finished the same key first: theirs is as good as ours.
        if (!existsSync(dir)) throw e;
        rmSync(staging, { recursive: true, force: true });
      }
      return dir;
    } catch (e) {
      rmSync(staging, { recursive: true, force: true });
      throw e;
    }
  })();
  building.set(dir, job);
  try {
    const built = await job;
    // A new entry is the moment the cache grows: trim it back under its bound (LRU).
    evictLeastRecentlyUsed(root);
    return { dir: built, hit: false };
  } finally {
    building.delete(dir);
  }
}

import { lstatSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Upper bound of a cache root (all kinds together); set from env by the local wiring. */
let maxBytes = 2 * 1024 ** 3;
export const setCacheLimit = (bytes: number) => void (maxBytes = bytes);

/** Entries used this recently are never evicted: a test run may be reading them. */
const IN_USE_MS = 15 * 60_000;
const SIZE_FILE = ".size";

/** Bytes under a directory (symlinks not followed). */
export function directoryBytes(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    total += e.isDirectory() ? directoryBytes(path) : lstatSync(path).size;
  }
  return total;
}

/** Records an entry's size once, when it is built (measuring node_modules on every eviction would be slow). */
export function recordEntrySize(dir: string): void {
  writeFileSync(join(dir, SIZE_FILE), String(directoryBytes(dir)));
}

/** Marks an entry as just used: its mtime is the LRU clock. */
export function touchEntry(dir: string): void {
  const now = new Date();
  try {
    utimesSync(dir, now, now);
  } catch {
    // Evicted meanwhile; the caller rebuilds it.
  }
}

function entrySize(dir: string): number {
  try {
    return Number(readFileSync(join(dir, SIZE_FILE), "utf8")) || directoryBytes(dir);
  } catch {
    return directoryBytes(dir);
  }
}

type Entry = { dir: string; bytes: number; usedAt: number };

/**
 * Least-recently-used eviction: while the cache root holds more than its limit, the entry
 * used longest ago goes (entries in use are skipped). Returns the evicted directories.
 */
export function evictLeastRecentlyUsed(root: string, now = Date.now()): string[] {
  const entries: Entry[] = [];
  for (const kind of safeList(root)) {
    for (const key of safeList(join(root, kind))) {
      if (key.startsWith(".staging-")) continue;
      const dir = join(root, kind, key);
      entries.push({ dir, bytes: entrySize(dir), usedAt: lstatSync(dir).mtimeMs });
    }
  }
  let total = entries.reduce((n, e) => n + e.bytes, 0);
  const evicted: string[] = [];
  for (const e of entries.sort((a, b) => a.usedAt - b.usedAt)) {
    if (total <= maxBytes) break;
    if (now - e.usedAt < IN_USE_MS) continue;
    rmSync(e.dir, { recursive: true, force: true });
    total -= e.bytes;
    evicted.push(e.dir);
  }
  return evicted;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
}

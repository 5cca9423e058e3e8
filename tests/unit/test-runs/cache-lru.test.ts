import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { evictLeastRecentlyUsed, setCacheLimit } from "../../../server/test-runs/prepare/cache-lru";
import { cachedDir } from "../../../server/test-runs/prepare/cache";

const root = mkdtempSync(join(tmpdir(), "cache-lru-"));
after(() => rmSync(root, { recursive: true, force: true }));

const HOUR = 3_600_000;
function entry(kind: string, key: string, bytes: number, usedHoursAgo: number, now: number) {
  const dir = join(root, kind, key);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "blob"), Buffer.alloc(bytes));
  const t = new Date(now - usedHoursAgo * HOUR);
  utimesSync(dir, t, t);
  return dir;
}

describe("finding: the test-run caches never shrank", () => {
  test("over the bound, the least recently used entries go first, across kinds; entries in use stay", () => {
    const now = Date.now();
    const oldest = entry("npm", "a".repeat(16), 4000, 5, now);
    const old = entry("build", "b".repeat(16), 4000, 3, now);
    const recent = entry("py", "c".repeat(16), 4000, 1, now);
    const inUse = entry("npm", "d".repeat(16), 4000, 0, now);
    setCacheLimit(9000);
    const evicted = evictLeastRecentlyUsed(root, now);
    assert.deepEqual(evicted, [oldest, old]);
    assert.ok(existsSync(recent) && existsSync(inUse));
    setCacheLimit(1);
    assert.deepEqual(evictLeastRecentlyUsed(root, now), [recent], "an entry used in the last minutes is never evicted");
  });

  test("a cache hit refreshes the entry's place in the LRU order", async () => {
    setCacheLimit(2 * 1024 ** 3);
    const key = "e".repeat(16);
    await cachedDir(root, "npm", key, async (staging) => writeFileSync(join(staging, "x"), "1"));
    const dir = join(root, "npm", key);
    const past = new Date(Date.now() - 10 * HOUR);
    utimesSync(dir, past, past);
    const hit = await cachedDir(root, "npm", key, async () => assert.fail("a hit does not rebuild"));
    assert.equal(hit.hit, true);
    const { statSync } = await import("node:fs");
    assert.ok(Date.now() - statSync(dir).mtimeMs < 60_000);
  });
});

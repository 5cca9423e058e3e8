import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { openSync, closeSync, mkdtempSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { encode } from "next-auth/jwt";
import { authenticate } from "../../server/auth/authenticate";
import { bumpSessionVersion } from "../../server/auth/session-version";
import type { LocalPlatform } from "../../server/platform/local";
import { createUser, startTestPlatform } from "../helpers/platform";

let platform: LocalPlatform;
before(async () => (platform = await startTestPlatform()));
after(async () => platform.close());

/**
 * Occupies every libuv pool thread (each blocks opening a FIFO for reading until a writer
 * opens it), as a burst of argon2 hashes does; returns the release.
 */
function blockThreadPool(): () => Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "pool-"));
  const fifo = path.join(dir, "fifo");
  execFileSync("mkfifo", [fifo]);
  const threads = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
  const readers = Array.from({ length: threads }, () => readFile(fifo));
  return async () => {
    closeSync(openSync(fifo, "w")); // the readers' opens return; the close is their end of file
    await Promise.all(readers);
    rmSync(dir, { recursive: true, force: true });
  };
}

const within = <T>(ms: number, work: Promise<T>) =>
  Promise.race([work, new Promise<"still waiting">((r) => setTimeout(() => r("still waiting"), ms).unref())]);

describe("session cookies while the libuv pool is busy", () => {
  test("a cookie seen before is authenticated without the pool; sign-out still refuses it on the next call", async () => {
    const { user } = await createUser(platform);
    const session = await encode({ token: { sub: user.id, sv: 0 }, secret: process.env.NEXTAUTH_SECRET! });
    const headers = new Headers({ cookie: `next-auth.session-token=${session}` });
    assert.deepEqual(await authenticate(platform.db, headers), { userId: user.id, via: "session" });

    const release = blockThreadPool();
    try {
      // next-auth's decode derives its key with crypto.hkdf on the pool: it would wait here until release.
      assert.deepEqual(await within(10_000, authenticate(platform.db, headers)), { userId: user.id, via: "session" });
      await bumpSessionVersion(platform.db, user.id);
      assert.equal(await within(10_000, authenticate(platform.db, headers)), null, "signed out: refused on the very next call");
    } finally {
      await release();
    }
  });

  test("a tampered cookie is refused, and not remembered", async () => {
    const { user } = await createUser(platform);
    const session = await encode({ token: { sub: user.id, sv: 0 }, secret: process.env.NEXTAUTH_SECRET! });
    const tampered = session.slice(0, -4) + (session.endsWith("AAAA") ? "BBBB" : "AAAA");
    const headers = new Headers({ cookie: `next-auth.session-token=${tampered}` });
    assert.equal(await authenticate(platform.db, headers), null);
    assert.equal(await authenticate(platform.db, headers), null);
  });
});

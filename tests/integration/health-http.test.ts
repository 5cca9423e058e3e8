import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalPlatform } from "../../server/platform/local";
import { startApiServer } from "../helpers/api-server";

// A small read budget so the limit is reached in a few calls. env() is parsed on first use, which
// loading the API handler is (its body limit): so it is imported after this, in before().
process.env.READ_CALLS_PER_USER_MIN ??= "5";

// health.check over real HTTP through the launcher's API handler: the plain GET monitors send
// is answered without tRPC's adapter (server/local/health-answer.ts) and must not differ from it.
let platform: LocalPlatform;
let base: string;
let close: () => Promise<void>;
before(async () => ({ platform, base, close } = await startApiServer()));
after(() => close());

let ipCounter = 0;
const freshIp = () => `203.0.113.${++ipCounter}`;

async function get(path: string, headers: Record<string, string>) {
  const res = await fetch(base + path, { headers });
  return { status: res.status, contentType: res.headers.get("content-type"), vary: res.headers.get("vary"), retryAfter: res.headers.get("retry-after"), body: await res.text() };
}

describe("GET /api/trpc/health.check", () => {
  test("the plain GET answers exactly what tRPC answers", async () => {
    const plain = await get("/api/trpc/health.check", { "x-forwarded-for": freshIp() });
    // A cookie (here an unrelated one) sends the request through tRPC's adapter.
    const viaTrpc = await get("/api/trpc/health.check", { "x-forwarded-for": freshIp(), cookie: "unrelated=1" });
    assert.deepEqual(JSON.parse(plain.body), { result: { data: { json: { ok: true, runtime: "local" } } } });
    assert.deepEqual(plain, viaTrpc);
  });

  test("each plain call is charged to the caller's budget; past it, tRPC's 429 with Retry-After", async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) assert.equal((await get("/api/trpc/health.check", { "x-forwarded-for": ip })).status, 200);
    const limited = await get("/api/trpc/health.check", { "x-forwarded-for": ip });
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.retryAfter) >= 1);
    assert.equal((JSON.parse(limited.body) as { error: { json: { data: { code: string } } } }).error.json.data.code, "TOO_MANY_REQUESTS");
  });

  test("a failing store is tRPC's 500 once the last good check is a second old", async () => {
    const db = platform.db as unknown as { execute: (...a: unknown[]) => Promise<unknown> };
    const execute = db.execute;
    db.execute = () => Promise.reject(new Error("store down"));
    try {
      await new Promise((r) => setTimeout(r, 1_100));
      const failed = await get("/api/trpc/health.check", { "x-forwarded-for": freshIp() });
      assert.equal(failed.status, 500);
      assert.equal((JSON.parse(failed.body) as { error: { json: { message: string } } }).error.json.message, "Internal server error");
    } finally {
      db.execute = execute;
    }
    await new Promise((r) => setTimeout(r, 1_100));
    assert.equal((await get("/api/trpc/health.check", { "x-forwarded-for": freshIp() })).status, 200, "recovers with the store");
  });
});

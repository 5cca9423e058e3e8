import assert from "node:assert/strict";
import http from "node:http";
import { after, before, describe, test } from "node:test";
import { gunzipSync } from "node:zlib";
import { createApiToken } from "../../server/auth/api-tokens";
import { loadRegistry } from "../../server/composition/services";
import type { LocalPlatform } from "../../server/platform/local";
import { startApiServer } from "../helpers/api-server";
import { createUser } from "../helpers/platform";

// The registry lists over real HTTP, through the launcher's API handler (the Next route calls the same serveRegistry).
let platform: LocalPlatform;
let base: string;
let close: () => Promise<void>;
let auth: Record<string, string>;
before(async () => {
  ({ platform, base, close } = await startApiServer());
  const { user } = await createUser(platform);
  auth = { authorization: `Bearer ${(await createApiToken(platform.db, user.id, { name: "registry" })).token}` };
});
after(() => close());

/** Raw HTTP (fetch would decompress and hide content-encoding). */
function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(base + path, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on("error", reject);
  });
}

describe("GET /api/registry", () => {
  test("the versioned list is compressed, immutable, and revalidates with 304", async () => {
    const first = await get("/api/registry/models", { ...auth, "accept-encoding": "gzip" });
    assert.equal(first.status, 200);
    assert.equal(first.headers["cache-control"], "private, no-cache");
    assert.equal(first.headers["content-encoding"], "gzip");
    const listed = JSON.parse(gunzipSync(first.body).toString()) as { total: number; models: { id: string }[] };
    assert.equal(listed.total, loadRegistry().models.length);
    assert.deepEqual(listed.models.map((m) => m.id), loadRegistry().models.map((m) => m.id));

    const versioned = first.headers["content-location"]!;
    assert.match(versioned, /^\/api\/registry\/models\/[\w-]{16}\?offset=0&limit=500$/);
    const immutable = await get(versioned, auth);
    assert.equal(immutable.status, 200);
    assert.equal(immutable.headers["cache-control"], "private, max-age=31536000, immutable");
    assert.equal(immutable.headers["content-encoding"], undefined, "no accept-encoding: identity");
    assert.deepEqual(JSON.parse(immutable.body.toString()), listed);

    const revalidated = await get("/api/registry/models", { ...auth, "if-none-match": first.headers.etag! });
    assert.equal(revalidated.status, 304);
    assert.equal(revalidated.body.length, 0);
    assert.equal((await get("/api/registry/models", { ...auth, "if-none-match": '"stale"' })).status, 200);
  });

  test("pages are projections of the whole list; an old version redirects to the current one", async () => {
    const page = JSON.parse((await get("/api/registry/tools?offset=2&limit=3", auth)).body.toString()) as { total: number; tools: { id: string; python?: unknown }[] };
    assert.deepEqual(page.tools.map((t) => t.id), loadRegistry().tools.slice(2, 5).map((t) => t.id));
    assert.equal(page.tools[0]!.python, undefined, "lists carry summaries, not code snippets");
    const old = await get("/api/registry/tools/AAAAAAAAAAAAAAAA?offset=2&limit=3", auth);
    assert.equal(old.status, 302);
    assert.match(old.headers.location!, /^\/api\/registry\/tools\/[\w-]{16}\?offset=2&limit=3$/);
  });

  test("no caller, a bad token, a bad page or an unknown list are refused", async () => {
    assert.equal((await get("/api/registry/models")).status, 401);
    assert.equal((await get("/api/registry/models", { authorization: "Bearer ab_nope" })).status, 401);
    const bad = await get("/api/registry/models?limit=0", auth);
    assert.equal(bad.status, 400);
    assert.match(bad.body.toString(), /limit/);
    assert.equal((await get("/api/registry/prices", auth)).status, 404);
  });
});

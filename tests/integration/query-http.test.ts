import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "../../server/api/root";
import { createApiToken } from "../../server/auth/api-tokens";
import type { LocalPlatform } from "../../server/platform/local";
import { startApiServer } from "../helpers/api-server";
import { createUser } from "../helpers/platform";

// A small read budget so a spent one is reached in a few calls. env() is parsed on first use,
// which loading the API handler is: so the handler is imported after this, in before().
process.env.READ_CALLS_PER_USER_MIN ??= "6";

// Single GET queries over real HTTP through the launcher's API handler: answered without tRPC's
// adapter (server/local/query-answer.ts), and every answer must equal the adapter's. A GET with
// a content-type is sent through the adapter, so each case is asked both ways; the plain answer
// is written once with a Content-Length, the adapter's streamed chunked, which tells them apart.
let platform: LocalPlatform;
let base: string;
let close: () => Promise<void>;
before(async () => ({ platform, base, close } = await startApiServer()));
after(() => close());

let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter}`;

type Answer = { status: number; headers: Record<string, string | null>; body: string; plain: boolean };
async function get(path: string, headers: Record<string, string>): Promise<Answer> {
  const res = await fetch(`${base}/api/trpc/${path}`, { headers });
  const names = ["content-type", "cache-control", "vary", "retry-after", "set-cookie"];
  return {
    status: res.status,
    headers: Object.fromEntries(names.map((n) => [n, res.headers.get(n)])),
    body: await res.text(),
    plain: res.headers.get("content-length") !== null && res.headers.get("transfer-encoding") === null,
  };
}

/** The same request through the plain path and through tRPC's adapter. */
async function bothWays(path: string, headers: Record<string, string>) {
  const plain = await get(path, headers);
  const adapter = await get(path, { ...headers, "content-type": "application/json" });
  assert.equal(adapter.plain, false, "the content-type sends it through the adapter");
  return { plain, adapter };
}

function assertSame({ plain, adapter }: { plain: Answer; adapter: Answer }) {
  assert.equal(plain.plain, true, "answered by the plain-query path");
  assert.deepEqual({ ...plain, plain: true }, { ...adapter, plain: true });
}

const input = (value: unknown) => `input=${encodeURIComponent(JSON.stringify(superjson.serialize(value)))}`;
const errorOf = (a: Answer) => (JSON.parse(a.body) as { error: { json: { message: string; data: { code: string; path?: string } } } }).error.json;

async function tokenUser() {
  const { user, caller } = await createUser(platform, "query-http");
  const { token, id } = await createApiToken(platform.db, user.id, { name: "query-http" });
  return { user, caller, tokenId: id, auth: { authorization: `Bearer ${token}`, "x-forwarded-for": freshIp() } };
}

describe("GET /api/trpc/<query> outside the adapter", () => {
  test("a success is the adapter's bytes, status and headers", async () => {
    const { caller, auth } = await tokenUser();
    await caller.project.create({ name: "Plain path project" });
    const answers = await bothWays("project.list", auth);
    assertSame(answers);
    assert.equal(answers.plain.status, 200);
    assert.match(answers.plain.body, /Plain path project/);
  });

  test("a large frozen answer (a registry list), asked twice, is the adapter's bytes both times", async () => {
    const { auth } = await tokenUser();
    for (let i = 0; i < 2; i++) {
      const answers = await bothWays("registry.models.list", auth);
      assertSame(answers);
      assert.equal(answers.plain.status, 200);
      assert.ok(answers.plain.body.length > 10_000);
    }
  });

  test("a zod error is BAD_REQUEST naming the field, as the adapter says it", async () => {
    const { auth } = await tokenUser();
    const answers = await bothWays(`project.get?${input({ id: 42 })}`, auth);
    assertSame(answers);
    assert.equal(answers.plain.status, 400);
    assert.equal(errorOf(answers.plain).data.code, "BAD_REQUEST");
    assert.match(errorOf(answers.plain).message, /^id: /);
  });

  test("malformed input JSON is the adapter's BAD_REQUEST", async () => {
    const { auth } = await tokenUser();
    const answers = await bothWays("project.get?input=%7Bnot-json", auth);
    assertSame(answers);
    assert.equal(answers.plain.status, 400);
  });

  test("no credentials and a bad token are UNAUTHORIZED", async () => {
    const anonymous = await bothWays("project.list", { "x-forwarded-for": freshIp() });
    assertSame(anonymous);
    assert.equal(anonymous.plain.status, 401);
    const badToken = await bothWays("project.list", { authorization: `Bearer ab_${"x".repeat(43)}`, "x-forwarded-for": freshIp() });
    assertSame(badToken);
    assert.equal(errorOf(badToken.plain).data.code, "UNAUTHORIZED");
  });

  test("another user's project is NOT_FOUND", async () => {
    const owner = await tokenUser();
    const other = await tokenUser();
    const project = await owner.caller.project.create({ name: "Not yours" });
    const answers = await bothWays(`project.get?${input({ id: project.id })}`, other.auth);
    assertSame(answers);
    assert.equal(answers.plain.status, 404);
    assert.equal(errorOf(answers.plain).data.code, "NOT_FOUND");
  });

  test("a spent budget is 429 TOO_MANY_REQUESTS with Retry-After, both ways", async () => {
    const { auth } = await tokenUser();
    let plain: Answer | undefined;
    for (let i = 0; i < 10 && plain?.status !== 429; i++) plain = await get("project.list", auth);
    const adapter = await get("project.list", { ...auth, "content-type": "application/json" });
    assert.equal(plain!.status, 429);
    assert.equal(plain!.plain, true);
    // The wait is counted down in seconds between the two calls: compare with it set aside.
    const seconds = (a: Answer) => a.headers["retry-after"];
    assert.ok(Number(seconds(plain!)) >= 1);
    assert.match(plain!.body, new RegExp(`"retryAfterSeconds":${seconds(plain!)}\\b`));
    const withoutWait = (a: Answer) => ({ ...a, plain: true, headers: { ...a.headers, "retry-after": "n" }, body: a.body.replace(/\d+ s\.|"retryAfterSeconds":\d+/g, "n") });
    assert.deepEqual(withoutWait(plain!), withoutWait(adapter));
    assert.equal(errorOf(plain!).data.code, "TOO_MANY_REQUESTS");
  });

  test("what the plain path leaves alone goes to the adapter: a missing procedure, a mutation, a batch of two", async () => {
    const { auth } = await tokenUser();
    const missing = await get("project.nothingHere", auth);
    assert.deepEqual([missing.status, missing.plain, errorOf(missing).data.code], [404, false, "NOT_FOUND"]);
    const mutation = await get("project.create", auth);
    assert.deepEqual([mutation.status, mutation.plain], [405, false]);
    const batch = await get("project.list,token.list?batch=1", auth);
    assert.deepEqual([batch.status, batch.plain], [200, false]);
  });

  test("a token revoked is refused on the very next call", async () => {
    const { caller, auth, tokenId } = await tokenUser();
    assert.equal((await get("project.list", auth)).status, 200);
    await caller.token.revoke({ id: tokenId });
    const next = await get("project.list", auth);
    assert.deepEqual([next.status, next.plain], [401, true]);
  });
});

describe("the browser's batch of one (httpBatchLink, ?batch=1)", () => {
  test("answers as the adapter does, success and error", async () => {
    const { caller, auth } = await tokenUser();
    const project = await caller.project.create({ name: "Batched" });
    const batchInput = (value: unknown) => `batch=1&input=${encodeURIComponent(JSON.stringify({ 0: superjson.serialize(value) }))}`;
    const ok = await bothWays(`project.get?${batchInput({ id: project.id })}`, auth);
    assertSame(ok);
    assert.equal(ok.plain.status, 200);
    const bad = await bothWays(`project.get?${batchInput({ id: 7 })}`, auth);
    assertSame(bad);
    assert.equal(bad.plain.status, 400);
    const notObject = await bothWays("project.get?batch=1&input=%5B1%5D", auth);
    assertSame(notObject);
  });

  test("the tRPC client the app uses reads both answers", async () => {
    const { caller, auth } = await tokenUser();
    const project = await caller.project.create({ name: "Client" });
    let plainAnswers = 0;
    const client = createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: `${base}/api/trpc`,
          transformer: superjson,
          headers: auth,
          fetch: async (url, init) => {
            const res = await fetch(url, init);
            if (res.headers.get("content-length") !== null) plainAnswers++;
            return res;
          },
        }),
      ],
    });
    const got = await client.project.get.query({ id: project.id });
    assert.equal(got.name, "Client");
    assert.ok(got.createdAt instanceof Date, "superjson's Date survives");
    await assert.rejects(client.project.get.query({ id: `${project.id.slice(0, -4)}zzzz` }), (e) => e instanceof TRPCClientError && e.data?.code === "NOT_FOUND");
    assert.equal(plainAnswers, 2);
  });
});

import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { encode } from "next-auth/jwt";
import WebSocket from "ws";
import type { TRPCError } from "@trpc/server";
import { authenticate } from "../../server/auth/authenticate";
import { getAuthOptions } from "../../server/auth/options";
import { users } from "../../server/db/schema";
import { env } from "../../server/env";
import { configureLog } from "../../server/log";
import type { LocalPlatform } from "../../server/platform/local";
import { realtimeDeps } from "../../server/realtime/deps";
import { createRealtimeServer } from "../../server/realtime/server";
import { createCaller } from "../../server/api/root";
import { createContextInner } from "../../server/api/trpc";
import { createUser, startTestPlatform, uniqueEmail } from "../helpers/platform";
import { POST as trpcPost } from "../../app/api/trpc/[trpc]/route";

// The configured site; set before env() is first parsed.
process.env.NEXTAUTH_URL ??= "http://localhost:3000";
const SITE = new URL(process.env.NEXTAUTH_URL);

let platform: LocalPlatform;
before(async () => (platform = await startTestPlatform()));
after(() => platform.close());

const code = (e: unknown) => (e as TRPCError).code;
const sessionCookie = async (userId: string, sv = 0) =>
  `next-auth.session-token=${await encode({ token: { sub: userId, sv }, secret: process.env.NEXTAUTH_SECRET! })}`;
const post = (path: string, body: BodyInit | null, headers: Record<string, string> = {}, init: RequestInit = {}) =>
  trpcPost(new Request(`${SITE.origin}/api/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body, ...init } as RequestInit));

/** Everything written to stderr while `fn` runs, with logging on. */
async function captureStderr(fn: () => Promise<unknown>): Promise<string> {
  const original = process.stderr.write.bind(process.stderr);
  let out = "";
  process.stderr.write = ((chunk: string | Uint8Array) => ((out += String(chunk)), true)) as typeof process.stderr.write;
  configureLog("error");
  try {
    await fn().catch(() => undefined);
  } finally {
    configureLog("silent");
    process.stderr.write = original;
  }
  return out;
}

describe("finding: the request body had no size limit", () => {
  test("a body over MAX_REQUEST_BYTES is 413, declared or streamed without a length", async () => {
    const big = JSON.stringify({ json: { name: "x".repeat(env().MAX_REQUEST_BYTES) } });
    assert.equal((await post("project.create", big)).status, 413);
    const chunk = new Uint8Array(64 * 1024).fill(32);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        sent += chunk.byteLength;
        if (sent > 100 * 1024 * 1024) c.close();
        else c.enqueue(chunk);
      },
    });
    const res = await post("project.create", stream, {}, { duplex: "half" } as RequestInit);
    assert.equal(res.status, 413);
    assert.ok(sent < 4 * env().MAX_REQUEST_BYTES, `stopped reading after ${sent} bytes`);
  });
});

describe("finding: 400 messages leaked internal errors", () => {
  test("a null body and a deeply nested one answer 400 without exception text", async () => {
    const deep = "[".repeat(200_000) + "]".repeat(200_000);
    for (const body of ["null", `{"json":${deep}}`, "{not json", `{"json":{"name":"ok"},"meta":{"values":{"name":["undefined"]}}}`]) {
      const res = await post("auth.signUp", body);
      const text = await res.text();
      assert.ok(res.status >= 400 && res.status < 500, `${res.status} for ${body.slice(0, 20)}`);
      assert.doesNotMatch(text, /destructure|call stack|TypeError|RangeError|SyntaxError|at \w+ \(/, text.slice(0, 300));
    }
  });
});

describe("finding: failed-query logs printed SQL parameters", () => {
  test("a failed insert of a token logs neither its hash nor its prefix", async () => {
    const ghost = createCaller(createContextInner(platform, "user_ghost"));
    const out = await captureStderr(() => ghost.token.create({ name: "leak" }));
    assert.match(out, /procedure failed/);
    assert.doesNotMatch(out, /ab_|[0-9a-f]{64}|params:\s*\w/);
  });

  test("a failed sign-up insert logged through any path shows no hash or email", async () => {
    const email = uniqueEmail("redact");
    const { user } = await createUser(platform);
    const failed = await platform.db.insert(users).values({ id: user.id, email, passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA" }).catch((e: unknown) => e);
    assert.ok(failed instanceof Error && /argon2id/.test(String(failed)), "the driver's message does carry the parameters");
    const { log } = await import("../../server/log");
    const out = await captureStderr(async () => log.error("sign-up failed", { error: String(failed), cause: failed }));
    assert.match(out, /sign-up failed/);
    assert.doesNotMatch(out, /argon2|@test\.local/);
  });
});

describe("finding: a session cookie still worked after sign-out", () => {
  test("sign-out bumps the session version; the old cookie is refused by the API and the session", async () => {
    const { user } = await createUser(platform);
    const cookie = await sessionCookie(user.id);
    const headers = new Headers({ cookie });
    assert.deepEqual(await authenticate(platform.db, headers), { userId: user.id, via: "session" });
    const options = await getAuthOptions();
    await options.events!.signOut!({ token: { sub: user.id, sv: 0 }, session: null as never });
    assert.equal(await authenticate(platform.db, headers), null);
    assert.deepEqual(await options.callbacks!.jwt!({ token: { sub: user.id, sv: 0 } } as never), {}, "server components see no session");
    // A new sign-in is stamped with the new version and works.
    const fresh = await options.callbacks!.jwt!({ token: { sub: user.id }, user: { id: user.id } } as never);
    assert.equal(fresh.sv, 1);
    assert.deepEqual(await authenticate(platform.db, new Headers({ cookie: await sessionCookie(user.id, 1) })), { userId: user.id, via: "session" });
    const res = await post("project.create", JSON.stringify({ json: { name: "after sign-out" } }), { cookie, origin: SITE.origin });
    assert.equal(res.status, 401);
  });
});

describe("finding: the same-origin check trusted X-Forwarded-Host", () => {
  test("a foreign Origin with a matching X-Forwarded-Host is refused; the configured site is accepted", async () => {
    const { user } = await createUser(platform);
    const cookie = await sessionCookie(user.id);
    const body = JSON.stringify({ json: { name: "csrf" } });
    const forged = await post("project.create", body, { cookie, origin: "https://evil.example", "x-forwarded-host": "evil.example", host: SITE.host });
    assert.equal(forged.status, 403);
    assert.equal((await post("project.create", body, { cookie, origin: SITE.origin })).status, 200);
  });

  test("a loopback site answers to its other loopback names on the same port; a foreign origin is told where the site is", async () => {
    const { user } = await createUser(platform);
    const cookie = await sessionCookie(user.id);
    const body = JSON.stringify({ json: { name: "loopback alias" } });
    const alias = SITE.hostname === "localhost" ? "127.0.0.1" : "localhost";
    assert.equal((await post("project.create", body, { cookie, origin: `${SITE.protocol}//${alias}:${SITE.port}` })).status, 200);
    const otherPort = await post("project.create", body, { cookie, origin: `${SITE.protocol}//${alias}:${Number(SITE.port) + 1}` });
    assert.equal(otherPort.status, 403);
    const refused = await post("project.create", body, { cookie, origin: "https://evil.example" });
    assert.match(await refused.text(), /this page is at https:\/\/evil\.example, but the site is configured as http:\/\/localhost:3000 \(NEXTAUTH_URL\)/);
  });
});

describe("finding: an oversized WebSocket message was an uncaughtException", () => {
  test("the socket is closed with 1009, nothing is thrown, and the server keeps serving", async () => {
    const realtime = createRealtimeServer(realtimeDeps(platform));
    const server = http.createServer((_req, res) => res.writeHead(404).end());
    server.on("upgrade", (req, socket, head) => void (realtime.handleUpgrade(req, socket, head) || socket.destroy()));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/realtime`;
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on("uncaughtException", onUncaught);
    try {
      const { user } = await createUser(platform);
      const cookie = await sessionCookie(user.id);
      const open = () =>
        new Promise<WebSocket>((resolve, reject) => {
          const ws = new WebSocket(url, { headers: { cookie, origin: SITE.origin } });
          ws.on("open", () => resolve(ws));
          ws.on("error", reject);
        });
      const ws = await open();
      const closed = new Promise<number>((r) => ws.on("close", (c) => r(c)));
      ws.send("x".repeat(1024 * 1024));
      assert.equal(await closed, 1009);
      await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(uncaught, []);
      const again = await open();
      const pong = new Promise<string>((r) => again.on("message", (d) => r(d.toString())));
      again.send(JSON.stringify({ type: "ping" }));
      assert.match(await pong, /pong/);
      again.close();
    } finally {
      process.off("uncaughtException", onUncaught);
      await realtime.close();
      server.close();
    }
  });
});

describe("finding: the local server listened on all interfaces", () => {
  test("HOST defaults to loopback", () => {
    assert.equal(env().HOST, process.env.HOST ?? "127.0.0.1");
  });
});

void code;

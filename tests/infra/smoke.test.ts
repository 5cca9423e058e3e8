/**
 * The post-deploy smoke script against a stand-in of the deployed site speaking the same
 * protocols (next-auth CSRF + credentials callback, tRPC with superjson), so a broken smoke
 * script is found here and not during a production deploy.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import superjson from "superjson";
import { runSmoke, SmokeOptions } from "./smoke/deployed-smoke";

let server: http.Server;
let base = "";
const state = { generation: "ready" as "ready" | "failed", deleted: [] as string[], polls: 0 };

function reply(res: http.ServerResponse, value: unknown) {
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ result: { data: superjson.serialize(value) } }));
}
function fail(res: http.ServerResponse, status: number, code: string, message: string) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ error: superjson.serialize({ message, code: -32600, data: { code } }) }));
}
async function input(req: http.IncomingMessage, url: URL): Promise<any> {
  if (req.method === "GET") return url.searchParams.has("input") ? superjson.deserialize(JSON.parse(url.searchParams.get("input")!)) : undefined;
  let body = "";
  for await (const chunk of req) body += chunk;
  return req.headers["content-type"]?.includes("json") ? superjson.deserialize(JSON.parse(body)) : new URLSearchParams(body);
}

before(async () => {
  server = http.createServer(async (req, res) => {
    const url = new URL(req.url!, "http://x");
    const signedIn = (req.headers.cookie ?? "").includes("__Secure-next-auth.session-token=s1");
    const data = await input(req, url);
    if (url.pathname === "/") return void res.writeHead(200, { "content-type": "text/html" }).end("<html></html>");
    if (url.pathname === "/api/auth/csrf") return void res.writeHead(200, { "set-cookie": "__Host-next-auth.csrf-token=c1; Path=/; Secure" }).end(JSON.stringify({ csrfToken: "c1" }));
    if (url.pathname === "/api/auth/callback/credentials") {
      const ok = data.get("csrfToken") === "c1" && data.get("password") === "correct-horse" && (req.headers.cookie ?? "").includes("csrf-token=c1");
      return void res.writeHead(200, ok ? { "set-cookie": "__Secure-next-auth.session-token=s1; Path=/; HttpOnly; Secure" } : {}).end("{}");
    }
    const path = url.pathname.replace("/api/trpc/", "");
    if (path === "health.check") return reply(res, { ok: true, runtime: "aws" });
    if (path === "auth.signUp") return fail(res, 409, "CONFLICT", "exists");
    if (path === "auth.me") return reply(res, signedIn ? { userId: "usr_1" } : null);
    if (!signedIn) return fail(res, 401, "UNAUTHORIZED", "sign in");
    if (path === "project.create") return reply(res, { id: "prj_1", name: data.name, createdAt: new Date() });
    if (path === "generation.start") return reply(res, { started: data.projectId === "prj_1" });
    if (path === "generation.status") return reply(res, ++state.polls < 2 ? { status: "running" } : { status: state.generation, error: "QA failed twice" });
    if (path === "project.delete") return (state.deleted.push(data.id), reply(res, { ok: true }));
    fail(res, 404, "NOT_FOUND", path);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

const options = (password = "correct-horse") =>
  SmokeOptions.parse({ SMOKE_URL: base, SMOKE_EMAIL: "smoke@example.com", SMOKE_PASSWORD: password, SMOKE_POLL_MS: "10", SMOKE_TIMEOUT_MS: "5000" });

describe("deployed smoke test", () => {
  test("signs in, creates a project, generates, cleans up", async () => {
    const lines: string[] = [];
    Object.assign(state, { generation: "ready", deleted: [], polls: 0 });
    await runSmoke(options(), (l) => lines.push(l));
    assert.deepEqual(lines.map((l) => l.replace(/ \(\d+ ms\)$/, "")), [
      "ok   site answers over HTTPS",
      "ok   API and stores are healthy",
      "ok   smoke account exists",
      "ok   sign in",
      "ok   create a project",
      "ok   generate",
      "ok   delete the project",
    ]);
    assert.deepEqual(state.deleted, ["prj_1"]);
  });

  test("a failed generation fails the run, and the project is still deleted", async () => {
    Object.assign(state, { generation: "failed", deleted: [], polls: 0 });
    await assert.rejects(runSmoke(options(), () => {}), /generation failed: QA failed twice/);
    assert.deepEqual(state.deleted, ["prj_1"]);
  });

  test("a wrong password fails at sign-in", async () => {
    await assert.rejects(runSmoke(options("wrong-password"), () => {}), /no session cookie/);
  });
});

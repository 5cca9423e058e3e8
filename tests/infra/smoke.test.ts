/**
 * The post-deploy smoke script against a stand-in of the deployed site speaking the same
 * protocols (next-auth CSRF + credentials callback, tRPC with superjson, the API's CSRF
 * guard on cookie-authenticated mutations), so a broken smoke script is found here and not
 * during a production deploy. Every tRPC call is checked against the real `appRouter`: the
 * procedure exists, is called with its kind's HTTP method, and accepts the input.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import superjson from "superjson";
import type { z } from "zod";
import { appRouter } from "../../server/api/root";
import { loadRegistry } from "../../server/composition/services";

const getModel = (id: string) => loadRegistry().modelById.get(id);
import { AgentSpec, validateSpec } from "../../server/spec/agent-spec";
import { runSmoke, SMOKE_SPEC, SmokeOptions } from "./smoke/deployed-smoke";

const PROJECT = `prj_${"1".repeat(26)}`;
const MODIFICATION = `mod_${"2".repeat(26)}`;
const VERSION = `ver_${"3".repeat(26)}`;
type Procedure = { _def: { type: "query" | "mutation"; inputs: z.ZodType[] } };
const procedures = (appRouter as unknown as { _def: { procedures: Record<string, Procedure> } })._def.procedures;

let server: http.Server;
let base = "";
const initial = () => ({ statuses: ["queued", "developing", "done"], versions: 1, deleted: [] as string[], calls: [] as string[], generated: [] as unknown[] });
let state = initial();

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

/** The router's own checks on a call: the procedure exists, the method fits its kind, the input parses. */
function routerRefusal(path: string, method: string, data: unknown): [number, string, string] | null {
  const procedure = procedures[path];
  if (!procedure) return [404, "NOT_FOUND", `No procedure ${path}`];
  if ((procedure._def.type === "query") !== (method === "GET")) return [405, "METHOD_NOT_SUPPORTED", `${path} is a ${procedure._def.type}`];
  for (const schema of procedure._def.inputs) {
    const parsed = schema.safeParse(data);
    if (!parsed.success) return [400, "BAD_REQUEST", parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")];
  }
  return null;
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
    state.calls.push(path);
    const refusal = routerRefusal(path, req.method!, data);
    if (refusal) return fail(res, ...refusal);
    if (req.method === "POST" && signedIn && req.headers.origin !== base) return fail(res, 403, "FORBIDDEN", "Cross-origin request refused");
    if (path === "health.check") return reply(res, { ok: true, runtime: "aws" });
    if (path === "auth.signUp") return fail(res, 409, "CONFLICT", "exists");
    if (path === "auth.me") return reply(res, signedIn ? { userId: "usr_1" } : null);
    if (!signedIn) return fail(res, 401, "UNAUTHORIZED", "sign in");
    if (path === "project.create") return reply(res, { id: PROJECT, name: data.name, createdAt: new Date() });
    if (path === "generation.generate") {
      const checked = validateSpec(data.spec);
      if (!checked.ok) return fail(res, 400, "BAD_REQUEST", "The spec is incomplete");
      state.generated.push(data.spec);
      return reply(res, { modificationId: MODIFICATION, projectId: PROJECT, status: "queued", error: null, resultVersionId: null });
    }
    if (path === "modification.get") {
      const status = state.statuses.length > 1 ? state.statuses.shift()! : state.statuses[0]!;
      const done = status === "done";
      return reply(res, { modificationId: data.modificationId, projectId: data.projectId, status, error: status === "failed" ? "QA failed twice" : null, resultVersionId: done ? VERSION : null });
    }
    if (path === "generation.listVersions") return reply(res, Array.from({ length: state.versions }, (_, i) => ({ id: VERSION, projectId: PROJECT, version: i + 1 })));
    if (path === "project.delete") return (state.deleted.push(data.id), reply(res, { id: data.id }));
    fail(res, 404, "NOT_FOUND", path);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

const options = (password = "correct-horse") =>
  SmokeOptions.parse({ SMOKE_URL: base, SMOKE_EMAIL: "smoke@example.com", SMOKE_PASSWORD: password, SMOKE_POLL_MS: "10", SMOKE_TIMEOUT_MS: "1000" });

describe("deployed smoke test", () => {
  test("signs in, creates a project, generates a version through the pipeline, cleans up", async () => {
    const lines: string[] = [];
    state = initial();
    await runSmoke(options(), (l) => lines.push(l));
    assert.deepEqual(lines.map((l) => l.replace(/ \(\d+ ms\)$/, "")), [
      "ok   site answers over HTTPS",
      "ok   API and stores are healthy",
      "ok   smoke account exists",
      "ok   sign in",
      "ok   create a project",
      "ok   generate a verified version",
      "ok   delete the project",
    ]);
    assert.deepEqual(state.generated, [SMOKE_SPEC]);
    assert.deepEqual(state.calls.filter((c) => c === "modification.get").length, 3, "polls until done");
    assert.deepEqual(state.calls.slice(-2), ["generation.listVersions", "project.delete"]);
    assert.deepEqual(state.deleted, [PROJECT]);
  });

  test("a failed generation fails the run with its error, and the project is still deleted", async () => {
    state = { ...initial(), statuses: ["planning", "failed"] };
    await assert.rejects(runSmoke(options(), () => {}), /generation failed: QA failed twice/);
    assert.deepEqual(state.deleted, [PROJECT]);
  });

  test("a cancelled generation fails the run", async () => {
    state = { ...initial(), statuses: ["cancelled"] };
    await assert.rejects(runSmoke(options(), () => {}), /generation cancelled: no reason given/);
  });

  test("done without exactly one version fails the run", async () => {
    state = { ...initial(), versions: 0 };
    await assert.rejects(runSmoke(options(), () => {}), /expected 1 version after generating, found 0/);
  });

  test("a generation that never finishes fails at the deadline with its last status", async () => {
    state = { ...initial(), statuses: ["verifying"] };
    await assert.rejects(runSmoke(options(), () => {}), /generation not done after 1000 ms \(last status: verifying\)/);
    assert.deepEqual(state.deleted, [PROJECT]);
  });

  test("a wrong password fails at sign-in", async () => {
    state = initial();
    await assert.rejects(runSmoke(options("wrong-password"), () => {}), /no session cookie/);
  });

  test("the smoke spec is complete and names a model in the registry", () => {
    const spec = AgentSpec.parse(SMOKE_SPEC);
    assert.ok(getModel(spec.model.id), `${spec.model.id} is not in registry/models.json`);
    assert.equal(getModel(spec.model.id)!.provider, "bedrock");
  });
});

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { generateProject } from "../../server/generation/generate-project";
import { baseSpec, fixtureRegistry } from "../unit/generation/fixtures";
import { startMockOpenAI } from "./mock-openai";
import { freePort } from "../../server/generation/rehearse/boot";

/**
 * The generated TypeScript project, on its own: `npm install` from the registry, its own
 * `npm test`, then the built one-shot runner and HTTP server against a mock model.
 */

const dir = mkdtempSync(join(tmpdir(), "generated-ts-"));
const spec = baseSpec({ name: "ts-e2e-agent", language: "typescript", tools: [{ id: "notebook" }, { id: "http_request" }], deployment: { target: "agentcore" } });

type Run = { code: number | null; out: string; err: string };
function run(cmd: string, args: string[], env: Record<string, string> = {}, timeoutMs = 600_000): Promise<Run> {
  return new Promise((resolve) => {
    // NODE_TEST_CONTEXT would make the project's own `node --test` report to this runner instead of stdout.
    const { NODE_TEST_CONTEXT: _, ...parent } = process.env;
    const child = spawn(cmd, args, { cwd: dir, env: { ...parent, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString("utf8")));
    child.stderr.on("data", (d: Buffer) => (err += d.toString("utf8")));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code) => (clearTimeout(timer), resolve({ code, out, err })));
  });
}

before(async () => {
  for (const [path, content] of generateProject(spec, fixtureRegistry).files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  const install = await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"]);
  assert.equal(install.code, 0, install.err);
});
after(() => (process.env.KEEP_GENERATED ? undefined : rmSync(dir, { recursive: true, force: true })));

describe("generated TypeScript project", { timeout: 900_000 }, () => {
  test("its own npm test passes (node:test against its local mock model)", async () => {
    const r = await run("npm", ["test"]);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /# pass [1-9]/);
    assert.match(r.out, /# fail 0/);
  });

  test("npm run build gives dist/run-once.js, which prints the JSON-lines contract", async () => {
    assert.equal((await run("npm", ["run", "build"])).code, 0);
    const mock = await startMockOpenAI([{ tool: "notebook", input: { mode: "list" } }, { text: "All done." }]);
    try {
      const env = { AGENT_MODEL_PROVIDER: "openai-compatible", AGENT_MODEL_BASE_URL: mock.url, AGENT_MODEL_ID: "mock-model" };
      const r = await run(process.execPath, ["dist/run-once.js", "--input", "List my notebooks"], env, 60_000);
      assert.equal(r.code, 0, r.out + r.err);
      const events = r.out.trim().split("\n").map((l) => JSON.parse(l) as { type: string; [k: string]: unknown });
      assert.deepEqual(events.find((e) => e.type === "tool_call"), { type: "tool_call", name: "notebook", input: { mode: "list" } });
      assert.equal(events.find((e) => e.type === "tool_result")?.name, "notebook");
      assert.deepEqual(events.at(-1), { type: "final", output: "All done.", usage: { inputTokens: 60, outputTokens: 10 } });
      assert.equal(mock.requests[0]?.model, "mock-model");
    } finally {
      await mock.close();
    }
  });

  test("the built server answers GET /ping and POST /invocations on the AgentCore contract", async () => {
    const mock = await startMockOpenAI([{ text: "Hello from the server." }]);
    const port = await freePort();
    const env = { ...process.env, PORT: String(port), AGENT_MODEL_PROVIDER: "openai-compatible", AGENT_MODEL_BASE_URL: mock.url, AGENT_MODEL_ID: "mock-model" };
    const server = spawn(process.execPath, ["dist/server.js"], { cwd: dir, env, stdio: ["ignore", "ignore", "pipe"] });
    try {
      const base = `http://127.0.0.1:${port}`;
      let ping: Response | undefined;
      // Boot can take seconds on a loaded machine (the Strands SDK and tracing load first): wait up to 30 s.
      for (let i = 0; i < 300 && !ping; i++) ping = await fetch(`${base}/ping`).catch(() => new Promise<undefined>((r) => setTimeout(() => r(undefined), 100)));
      assert.deepEqual(await ping!.json(), { status: "Healthy" });
      const session = "s".repeat(40);
      const res = await fetch(`${base}/invocations`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-amzn-bedrock-agentcore-runtime-session-id": session },
        body: JSON.stringify({ prompt: "hi" }),
      });
      assert.equal(res.status, 200);
      const body = (await res.json()) as { output: string; sessionId: string };
      assert.deepEqual([body.output, body.sessionId], ["Hello from the server.", session]);
      const short = await fetch(`${base}/invocations`, { method: "POST", headers: { "x-amzn-bedrock-agentcore-runtime-session-id": "short" }, body: JSON.stringify({ prompt: "hi" }) });
      assert.equal(short.status, 400);
    } finally {
      server.kill("SIGTERM");
      await mock.close();
    }
  });
});

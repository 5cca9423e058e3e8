import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { main } from "../../server/cli/main";
import { filesFromDirectory } from "../../server/test-runs/prepare/project-files";
import { sandboxAvailable } from "../../server/test-runs/sandbox/host";
import { TEST_CACHE } from "../sandbox/helpers";

/** `agent-builder run DIR --input TEXT [--json]`: runs any directory, so it treats it as hostile. */

process.env.TEST_RUN_MODEL = "mock";
process.env.TEST_RUN_CACHE_DIR = TEST_CACHE;
const skip = !sandboxAvailable() && "needs bubblewrap and root";
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "cli-run-"));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

async function cli(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

const AGENT = `
const fs = require("node:fs");
const input = process.argv[process.argv.indexOf("--input") + 1];
console.log(JSON.stringify({ type: "log", level: "info", message: "starting" }));
console.log(JSON.stringify({ type: "text", delta: "files: " + fs.readdirSync("/app").sort().join(",") }));
console.log(JSON.stringify({ type: "final", output: "you said " + input, usage: { inputTokens: 7, outputTokens: 3 } }));`;

describe("agent-builder run", { skip, timeout: 120_000 }, () => {
  test("--json prints one event per line and ends with the final status, output, latency and tokens", async () => {
    const dir = project({ "package.json": '{"name":"cli-agent"}', "dist/run-once.js": AGENT });
    symlinkSync("/etc/shadow", join(dir, "leak"));
    symlinkSync("/etc", join(dir, "etc-link"));
    const r = await cli("run", dir, "--input", "hello there", "--json");
    assert.equal(r.code, 0, r.err + r.out);
    const lines = r.out.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    const last = lines.at(-1)!;
    assert.deepEqual([last.type, last.status, last.output, last.tokens, last.model], ["final", "succeeded", "you said hello there", { input: 7, output: 3 }, "mock"]);
    assert.equal(typeof last.latencyMs, "number");
    assert.equal(lines.filter((l) => l.type === "final").length, 1, "the agent's own final is folded into the last event");
    assert.deepEqual(lines.filter((l) => l.type === "log").map((l) => l.message), ["starting"]);
    // Symlinks in DIR are never followed or copied.
    assert.equal(lines.find((l) => l.type === "text")!.delta, "files: dist,package.json");
  });

  test("the human format streams text and ends with a summary naming the MOCK model", async () => {
    const dir = project({ "package.json": "{}", "dist/run-once.js": AGENT });
    const r = await cli("run", dir, "--input", "hi");
    assert.equal(r.code, 0);
    assert.match(r.err, /model: MOCK/);
    assert.match(r.out, /files: dist,package.json/);
    assert.match(r.out, /succeeded · [\d.]+ s · first token [\d.]+ s · 7 tokens in \/ 3 out · model mock/);
  });

  test("hostile dependencies are refused before anything is installed; exit 1 with the reason", async () => {
    const dir = project({ "package.json": JSON.stringify({ dependencies: { steal: "file:/etc" } }), "dist/run-once.js": AGENT });
    const r = await cli("run", dir, "--input", "x", "--json");
    assert.equal(r.code, 1);
    const last = JSON.parse(r.out.trim().split("\n").at(-1)!) as { status: string; error: string };
    assert.equal(last.status, "dependencies_failed");
    assert.match(last.error, /dependencies\.steal: 'file:\/etc' is not a registry version range/);
  });

  test("usage errors exit 2; a missing directory exits 1 and says so", async () => {
    assert.equal((await cli("run", "/tmp")).code, 2);
    assert.equal((await cli("run", "--input", "x")).code, 2);
    assert.equal((await cli("run", "/tmp", "--input", "x".repeat(20_000))).code, 2);
    const missing = await cli("run", "/nonexistent/agent", "--input", "x");
    assert.equal(missing.code, 1);
    assert.match(missing.err, /Directory '.*' was not found/);
  });
});

describe("reading a hostile directory", () => {
  test("skips symlinks, special files and dependency folders; refuses unsafe names", () => {
    const dir = project({ "package.json": "{}", "node_modules/x/index.js": "x", "src/a.ts": "a", ".venv/bin/python": "x" });
    symlinkSync("/etc/passwd", join(dir, "src", "passwd"));
    const files = filesFromDirectory(dir);
    assert.deepEqual([...files.keys()].sort(), ["package.json", "src/a.ts"]);
    const bad = project({ "package.json": "{}" });
    writeFileSync(join(bad, "we\nird"), "x");
    assert.throws(() => filesFromDirectory(bad), /unsafe path/);
  });
});

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { RUN_LIMITS } from "../../server/test-runs/limits";
import { runSandboxed } from "../../server/test-runs/sandbox/run-sandboxed";

/**
 * The ECS runner task's "process" isolation (known finding: the agent ran as the runner's uid
 * and could read /proc/1/environ, i.e. the task-role credentials). As root, the agent now
 * runs as a second uid: the runner's environ is closed to it, and the prepared trees it is
 * given (root-made, inside 0700 temp directories, node_modules as a symlink into a cache: what
 * made the first attempt fail) are readable to it. Skipped when not root.
 */
const asRoot = { skip: process.getuid?.() !== 0 && "needs root (the runner task is root)" };

test("in process isolation the agent runs as another uid, cannot read the runner's environment, and reads its symlinked mounts", asRoot, async () => {
  // A prepared app whose node_modules is a symlink into a private (0700) dependency cache.
  const cache = mkdtempSync(join(tmpdir(), "uid-cache-"));
  const app = mkdtempSync(join(tmpdir(), "uid-app-"));
  mkdirSync(join(cache, "deps", "node_modules", "dep"), { recursive: true, mode: 0o700 });
  writeFileSync(join(cache, "deps", "node_modules", "dep", "index.js"), "module.exports = 'dep loaded';", { mode: 0o600 });
  symlinkSync(join(cache, "deps", "node_modules"), join(app, "node_modules"));
  writeFileSync(join(app, "main.js"), "module.exports = require('dep');", { mode: 0o600 });
  const probe = `
    const fs = require("node:fs");
    let environ = "readable";
    try { fs.readFileSync("/proc/${process.pid}/environ"); } catch (e) { environ = e.code; }
    let dep = null;
    try { dep = require("./main.js"); } catch (e) { dep = e.code; }
    let write = "written";
    try { fs.writeFileSync(__dirname + "/evil.js", "x"); } catch (e) { write = e.code; }
    console.log(JSON.stringify({ uid: process.getuid(), environ, secret: process.env.RUNNER_SECRET ?? null, dep, write }));`;
  // Run as the generated agent is: a file under /app, which the layout maps to the mount.
  writeFileSync(join(app, "probe.js"), probe, { mode: 0o600 });
  process.env.RUNNER_SECRET = "runner-only";
  const lines: string[] = [];
  try {
    const exit = await runSandboxed(
      { name: "process-uid", isolation: "process", mounts: [{ from: app, to: "/app" }], command: ["node", "/app/probe.js"], env: {}, cwd: "/work", limits: RUN_LIMITS, model: null },
      { stdout: (l) => lines.push(l), stderr: (l) => lines.push(l) },
    );
    assert.equal(exit.code, 0, lines.join("\n"));
    const seen = JSON.parse(lines.find((l) => l.startsWith("{"))!) as { uid: number; environ: string; secret: string | null; dep: string; write: string };
    assert.notEqual(seen.uid, 0, "not the runner's uid");
    assert.equal(seen.uid, exit.uid);
    assert.equal(seen.environ, "EACCES");
    assert.equal(seen.secret, null);
    assert.equal(seen.dep, "dep loaded", "the symlinked node_modules is readable to the agent's uid");
    assert.equal(seen.write, "EACCES", "a read-only mount stays read-only");
    assert.equal(statSync(join(cache, "deps", "node_modules", "dep", "index.js")).mode & 0o002, 0, "nothing became world-writable");
  } finally {
    delete process.env.RUNNER_SECRET;
    rmSync(cache, { recursive: true, force: true });
    rmSync(app, { recursive: true, force: true });
  }
});

import assert from "node:assert/strict";
import { test } from "node:test";
import { RUN_LIMITS } from "../../server/testing/limits";
import { runSandboxed } from "../../server/testing/sandbox/run-sandboxed";

/**
 * The ECS runner task's "process" isolation (known finding: the agent ran as the runner's uid
 * and could read /proc/1/environ, i.e. the task-role credentials). As root, the agent now
 * runs as a second uid: the runner's environ is closed to it. Skipped when not root.
 */
test("in process isolation the agent runs as another uid and cannot read the runner's environment", { skip: process.getuid?.() !== 0 && "needs root (the runner task is root)" }, async () => {
  const probe = `
    const fs = require("node:fs");
    let environ = "readable";
    try { fs.readFileSync("/proc/${process.pid}/environ"); } catch (e) { environ = e.code; }
    console.log(JSON.stringify({ uid: process.getuid(), environ, secret: process.env.RUNNER_SECRET ?? null }));`;
  process.env.RUNNER_SECRET = "runner-only";
  const lines: string[] = [];
  const exit = await runSandboxed(
    { name: "process-uid", isolation: "process", mounts: [], command: ["node", "-e", probe], env: {}, cwd: "/work", limits: RUN_LIMITS, model: null },
    { stdout: (l) => lines.push(l), stderr: (l) => lines.push(l) },
  );
  delete process.env.RUNNER_SECRET;
  assert.equal(exit.code, 0, lines.join("\n"));
  const seen = JSON.parse(lines.find((l) => l.startsWith("{"))!) as { uid: number; environ: string; secret: string | null };
  assert.notEqual(seen.uid, 0, "not the runner's uid");
  assert.equal(seen.uid, exit.uid);
  assert.equal(seen.environ, "EACCES");
  assert.equal(seen.secret, null);
});

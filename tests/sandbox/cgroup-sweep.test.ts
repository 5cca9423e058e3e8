import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { RUN_LIMITS } from "../../server/test-runs/limits";
import { CGROUP_PARENT, cgroupsAvailable, RunCgroup, sweepLeftCgroups } from "../../server/test-runs/sandbox/cgroup";
import { acquireUid, lockOf, releaseUid } from "../../server/test-runs/sandbox/host";

/**
 * Known finding (a CI failure of the evals suite): each test runner sweeps empty run cgroups
 * when it starts. A run in another runner process on the host creates its cgroup, then joins
 * it; a sweep in between removed it and the run died before its agent printed a line. The
 * sweep now spares cgroups whose sandbox uid a live process holds.
 */
const skip = !cgroupsAvailable() && "needs writable cgroups (root)";

test("a sweep spares the empty cgroup of a run another live runner holds, and removes a dead runner's", { skip }, async () => {
  const uid = acquireUid();
  const name = `sweep-test-${uid}`;
  const dir = join("/sys/fs/cgroup/memory", CGROUP_PARENT, name);
  const cg = RunCgroup.create(name, RUN_LIMITS);
  // Another runner process holds the uid, as a run in a concurrent test file does.
  const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60_000)"], { stdio: "ignore" });
  try {
    writeFileSync(lockOf(uid), String(other.pid)); // the lock acquireUid writes
    await sweepLeftCgroups();
    assert.ok(existsSync(dir), "the held run's cgroup survives the sweep");

    other.kill("SIGKILL");
    await new Promise((r) => other.once("exit", r));
    await sweepLeftCgroups();
    assert.ok(!existsSync(dir), "a dead runner's empty cgroup is swept");
  } finally {
    other.kill("SIGKILL");
    await cg.remove();
    releaseUid(uid);
  }
});

test("a sweep kills the processes a killed runner left in its run's cgroup (agents run detached) and removes it", { skip }, async () => {
  const uid = acquireUid();
  const name = `orphan-test-${uid}`;
  const dir = join("/sys/fs/cgroup/pids", CGROUP_PARENT, name);
  const cg = RunCgroup.create(name, RUN_LIMITS);
  const agent = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore", detached: true });
  const exited = new Promise((r) => agent.once("exit", r));
  const runner = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  try {
    for (const procs of cg.procFiles()) writeFileSync(procs, String(agent.pid));
    // The runner that held the uid is gone (killed), its agent still runs in the cgroup.
    await new Promise((r) => runner.once("exit", r));
    writeFileSync(lockOf(uid), String(runner.pid));
    assert.deepEqual(cg.pids(), [agent.pid]);
    await sweepLeftCgroups();
    assert.ok(!existsSync(dir), "the left cgroup is removed");
    await exited; // killed by the sweep
  } finally {
    agent.kill("SIGKILL");
    await cg.remove();
    releaseUid(uid);
  }
});

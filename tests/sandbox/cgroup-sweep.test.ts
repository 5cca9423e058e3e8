import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { RUN_LIMITS } from "../../server/test-runs/limits";
import { CGROUP_PARENT, cgroupsAvailable, RunCgroup, sweepEmptyCgroups } from "../../server/test-runs/sandbox/cgroup";
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
    sweepEmptyCgroups();
    assert.ok(existsSync(dir), "the held run's cgroup survives the sweep");

    other.kill("SIGKILL");
    await new Promise((r) => other.once("exit", r));
    sweepEmptyCgroups();
    assert.ok(!existsSync(dir), "a dead runner's empty cgroup is swept");
  } finally {
    other.kill("SIGKILL");
    await cg.remove();
    releaseUid(uid);
  }
});

import assert from "node:assert/strict";
import { test } from "node:test";
import { RUN_LIMITS } from "../../../server/test-runs/limits";
import { SuiteCases } from "../../../server/test-runs/run/suite-cases";
import type { Kill } from "../../../server/test-runs/sandbox/limit-watch";
import type { SandboxExit } from "../../../server/test-runs/sandbox/run-sandboxed";
import type { ModelServed, RunOutcome } from "../../../server/test-runs/types";

/** The suite's case bookkeeping against a fake process: what it sends, kills and reports. */

const MODEL: ModelServed = { kind: "mock", id: "m", label: "mock" };
const exit = (o: Partial<SandboxExit> = {}): SandboxExit => ({ code: 1, limit: null, wallMs: 5, firstByteMs: 1, outputBytes: 0, cpuMs: 0, uid: null, cgroup: null, ...o });

function fakeSuite(ids: string[], limits = RUN_LIMITS, cpu = { ms: 0 }) {
  const outcomes = new Map<string, RunOutcome>();
  const sent: string[] = [];
  const kills: Kill[] = [];
  let ended = false;
  const suite = new SuiteCases(ids.map((id) => ({ runId: id, input: `input of ${id}`, onEvent: () => undefined, onOutcome: (o) => outcomes.set(id, o) })), MODEL, limits);
  suite.attach((l) => (sent.push(l), true), () => (ended = true), { kill: (r) => kills.push(r), cpuMs: () => cpu.ms });
  const line = (e: Record<string, unknown>) => suite.stdout(JSON.stringify(e));
  return { suite, outcomes, sent, kills, line, ended: () => ended };
}

test("cases are sent one at a time; a case ends only on a final naming it; stdin ends after the last", () => {
  const f = fakeSuite(["run_a", "run_b"]);
  assert.deepEqual(f.sent, []);
  f.line({ type: "ready" });
  assert.deepEqual(f.sent.map((l) => JSON.parse(l).case), ["run_a"]);
  f.line({ type: "final", output: "spoof", usage: { inputTokens: 1, outputTokens: 1 }, case: "run_b" });
  assert.equal(f.outcomes.size, 0, "a final naming another case does not end this one");
  f.line({ type: "final", output: "a", usage: { inputTokens: 1, outputTokens: 1 }, case: "run_a" });
  assert.equal(f.outcomes.get("run_a")?.status, "succeeded");
  assert.equal(f.outcomes.get("run_a")?.output, "a");
  assert.deepEqual(f.sent.map((l) => JSON.parse(l).case), ["run_a", "run_b"]);
  f.line({ type: "error", message: "boom", case: "run_b" });
  assert.deepEqual([f.outcomes.get("run_b")?.status, f.outcomes.get("run_b")?.error], ["failed", "boom"]);
  assert.equal(f.ended(), true);
  f.suite.exited(exit({ code: 0 }));
  assert.equal(f.outcomes.size, 2);
});

test("a process that fails to start fails the first case with its error and the rest as not run", () => {
  const f = fakeSuite(["run_a", "run_b"]);
  f.line({ type: "error", message: "Error: no secrets" });
  f.suite.exited(exit({ code: 1 }));
  assert.deepEqual([f.outcomes.get("run_a")?.status, f.outcomes.get("run_a")?.error], ["failed", "Error: no secrets"]);
  assert.match(f.outcomes.get("run_b")?.error ?? "", /^Not run: the suite's agent process ended before it was ready \(failed: Error: no secrets\)$/);
});

test("a case over its own output limit kills the process and gets the limit's status", () => {
  const f = fakeSuite(["run_a", "run_b"], { ...RUN_LIMITS, outputBytes: 200 });
  f.line({ type: "ready" });
  f.line({ type: "text", delta: "x".repeat(300), case: "run_a" });
  assert.deepEqual(f.kills, ["output_limit"]);
  f.suite.exited(exit({ code: 137, limit: "output_limit" }));
  assert.equal(f.outcomes.get("run_a")?.status, "output_limit");
  assert.match(f.outcomes.get("run_b")?.error ?? "", /during case 1 of 2 \(output_limit: /);
});

test("a case over its own CPU time is killed, counted from the case's start", async () => {
  const cpu = { ms: 25_000 }; // spent before the case: not the case's
  const f = fakeSuite(["run_a"], { ...RUN_LIMITS, cpuSeconds: 1 }, cpu);
  f.line({ type: "ready" });
  await new Promise((r) => setTimeout(r, 450));
  assert.deepEqual(f.kills, []);
  cpu.ms += 1_500;
  await new Promise((r) => setTimeout(r, 450));
  assert.equal(f.kills[0], "cpu_limit");
  f.suite.exited(exit({ code: 152, limit: "cpu_limit" }));
  assert.equal(f.outcomes.get("run_a")?.status, "cpu_limit");
});

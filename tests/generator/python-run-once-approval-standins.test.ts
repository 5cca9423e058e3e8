import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, test } from "node:test";
import { generateProject } from "../../server/generation/generate-project";
import { mockPlan } from "../../server/test-runs/model/choose";
import type { LoadedFiles } from "../../server/test-runs/prepare/project-files";
import { runProject, type ApprovalDecisionLine } from "../../server/test-runs/run/run-project";
import type { RunEvent } from "../../server/test-runs/types";
import { TEST_CACHE } from "../sandbox/helpers";
import { baseSpec, fixtureRegistry } from "../unit/generation/fixtures";
import { FAKE_FILES } from "./python-fakes";

/**
 * The generated Python run_once.py with human approval, run the way the Testing tab runs it
 * (runProject: events read from stdout, decisions written to stdin through the decision
 * channel), against stand-ins for Strands (python-fakes.ts): PyPI is unreachable here, so the
 * project's requirements are emptied and app/agent.py is the fake agent. What runs is ours:
 * run_once.py and app/approval.py (hook, gate, resume loop). On Strands itself: skipped.
 */

const TIMEOUT_SECONDS = 30;
let counter = 0;

function gatedFiles(target: "agentcore" | "ecs-fargate" | "lambda", timeoutSeconds = TIMEOUT_SECONDS): LoadedFiles {
  const project = generateProject(
    baseSpec({ name: `run-once-py-${target}`, language: "python", tools: [{ id: "http_request" }], deployment: { target }, approval: { tools: ["http_request"], timeoutSeconds: Math.max(timeoutSeconds, 10) } }),
    fixtureRegistry,
  );
  const files = new Map([...project.files].map(([k, v]) => [k, new TextEncoder().encode(String(v))]));
  for (const [k, v] of Object.entries({ ...FAKE_FILES, "requirements.txt": "# the stand-ins need nothing installed\n" })) files.set(k, new TextEncoder().encode(v));
  if (timeoutSeconds < 10) {
    // The spec's minimum is longer than a test should wait: the generated constant is lowered.
    const approval = new TextDecoder().decode(files.get("app/approval.py"));
    const lowered = approval.replace(/^APPROVAL_TIMEOUT_SECONDS = \d+ \/ 1000$/m, `APPROVAL_TIMEOUT_SECONDS = ${timeoutSeconds}`);
    assert.notEqual(lowered, approval);
    files.set("app/approval.py", new TextEncoder().encode(lowered));
  }
  return files;
}

/** One run; `decide` answers each approval_request (null: no answer). */
async function run(files: LoadedFiles, decide: (e: RunEvent & { type: "approval_request" }) => ApprovalDecisionLine["decision"] | null) {
  const events: RunEvent[] = [];
  let send: ((d: ApprovalDecisionLine) => boolean) | undefined;
  const outcome = await runProject({
    runId: `run_py_approval_${process.pid}_${counter++}`,
    files,
    input: "Fetch http://example.test",
    cacheRoot: TEST_CACHE,
    model: mockPlan("amazon.nova-pro-v1:0"),
    isolation: "process",
    onDecisionChannel: (s) => (send = s),
    onEvent: (e) => {
      events.push(e);
      if (e.type !== "approval_request") return;
      const decision = decide(e);
      // A decision for an id no one waits for is ignored; the real one follows.
      if (decision) assert.ok(send!({ approvalId: "apr_unknown", decision }) && send!({ approvalId: e.id, decision }));
    },
  });
  return { outcome, events, of: <T extends RunEvent["type"]>(type: T) => events.filter((e): e is Extract<RunEvent, { type: T }> => e.type === type) };
}

describe("Python run_once.py approval over the Testing tab's line protocol (against stand-ins, not Strands)", { timeout: 120_000 }, () => {
  for (const target of ["agentcore", "ecs-fargate", "lambda"] as const) {
    test(`${target}: approval_request out, the approve line in, approval_decision out, the tool runs`, async () => {
      const { outcome, events, of } = await run(gatedFiles(target), () => "approve");
      assert.equal(outcome.status, "succeeded", `${outcome.error ?? ""} ${JSON.stringify(events)}`);
      const [request] = of("approval_request");
      assert.match(request!.id, /^apr_[A-Za-z0-9_-]{1,96}$/, "an id the Testing tab accepts");
      assert.equal(request!.tool, "http_request");
      assert.ok(Math.abs(Date.parse(request!.expiresAt) - Date.now() - TIMEOUT_SECONDS * 1000) < 20_000);
      assert.deepEqual(of("approval_decision").map((d) => [d.id, d.decision]), [[request!.id, "approve"]]);
      assert.equal(of("tool_call").length, 1, "the paused call is announced once");
      assert.match(JSON.stringify(of("tool_result")), /fetched http:\/\/example\.test/);
      assert.match(outcome.output ?? "", /fetched/);
    });
  }

  test("deny: the tool does not run and the answer says it was denied", async () => {
    const { outcome, of } = await run(gatedFiles("ecs-fargate"), () => "deny");
    assert.equal(outcome.status, "succeeded", outcome.error ?? "");
    assert.equal(of("approval_decision")[0]!.decision, "deny");
    assert.doesNotMatch(outcome.output ?? "", /fetched/);
    assert.match(outcome.output ?? "", /denied running http_request/);
  });

  test("stdin that cannot carry decisions (/dev/null): the run still ends, denied by timeout, with no error logged", () => {
    const dir = mkdtempSync(join(tmpdir(), "py-run-once-"));
    try {
      for (const [f, bytes] of gatedFiles("agentcore", 1)) {
        mkdirSync(dirname(join(dir, f)), { recursive: true });
        writeFileSync(join(dir, f), bytes);
      }
      const out = execFileSync("python3", ["-E", "-s", "run_once.py", "--input=Fetch it"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", timeout: 60_000 });
      const events = out.trim().split("\n").map((l) => JSON.parse(l) as RunEvent);
      assert.deepEqual(events.filter((e) => e.type === "log"), []);
      assert.equal(events.find((e) => e.type === "approval_decision")?.decision, "timeout");
      assert.equal(events.at(-1)?.type, "final");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("no decision before the deadline: a timeout, a deny", async () => {
    const { outcome, of } = await run(gatedFiles("lambda", 1), () => null);
    assert.equal(outcome.status, "succeeded", outcome.error ?? "");
    assert.equal(of("approval_decision")[0]!.decision, "timeout");
    assert.match(outcome.output ?? "", /No one approved running http_request/);
  });
});

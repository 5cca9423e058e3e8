import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TRPCError } from "@trpc/server";
import type { LocalPlatform } from "../../server/platform/local";
import type { ProjectEvent } from "../../server/platform/types";
import type { LocalTestRunner } from "../../server/test-runs/local-runner";
import { sandboxAvailable } from "../../server/test-runs/sandbox/host";
import type { RunEvent } from "../../server/test-runs/types";
import { createUser } from "../helpers/platform";
import { GATED_SPEC } from "../helpers/gated-spec";
import { storeGenerated, storeScript, startRunnerPlatform, waitForRun } from "../sandbox/helpers";

/**
 * Approval in a test run: the agent (a scripted one, so no install) asks for approval, the
 * owner decides through testing.decideApproval, the decision reaches the agent's stdin in the
 * sandbox, and the run goes on. Refusals: another user's run and unknown approvals are
 * NOT_FOUND; a decided or expired approval is CONFLICT naming it.
 */

let platform: LocalPlatform;
let runner: LocalTestRunner;
const live: ProjectEvent[] = [];
const code = (e: unknown) => (e as TRPCError).code;
const skip = !sandboxAvailable() && "needs bubblewrap and root";

/** Asks once for approval of http_request (expiring after `expiresInMs`), then reports what it was told. */
const gatedAgent = (expiresInMs: number, ownTimeoutMs: number) => `
const out = (e) => console.log(JSON.stringify(e));
const id = "apr_" + process.pid + "_" + Date.now();
out({ type: "approval_request", id, tool: "http_request", input: { method: "POST", url: "https://example.com/orders" }, expiresAt: new Date(Date.now() + ${expiresInMs}).toISOString() });
const lines = require("node:readline").createInterface({ input: process.stdin });
const timer = setTimeout(() => done("timeout"), ${ownTimeoutMs});
lines.on("line", (l) => { try { const d = JSON.parse(l); if (d.approval === id) done(d.decision); } catch {} });
function done(decision) {
  clearTimeout(timer); lines.close(); process.stdin.destroy();
  out({ type: "approval_decision", id, tool: "http_request", decision });
  const answer = decision === "approve" ? "http_request ran: order created" : "The user denied running http_request, so it was not done.";
  out({ type: "text", delta: answer });
  out({ type: "final", output: answer, usage: { inputTokens: 10, outputTokens: 5 } });
}`;

let stop: (() => Promise<void>) | undefined;
before(async () => ({ platform, runner, stop } = await startRunnerPlatform(live)));
after(() => stop?.());

async function pendingApproval(runId: string, timeoutMs = 60_000): Promise<Extract<RunEvent, { type: "approval_request" }>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const hit = live.map((e) => e.payload as { runId?: string; event?: RunEvent }).find((p) => p.runId === runId && p.event?.type === "approval_request");
    if (hit) return hit.event as Extract<RunEvent, { type: "approval_request" }>;
    if (Date.now() > until) throw new Error("no approval_request streamed");
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function setup(tag: string, expiresInMs = 60_000, ownTimeoutMs = 60_000) {
  const { caller } = await createUser(platform, tag);
  const project = await caller.project.create({ name: `Approval ${tag}` });
  const version = await storeScript(platform, project.id, gatedAgent(expiresInMs, ownTimeoutMs));
  const { runId } = await caller.testing.run({ projectId: project.id, versionId: version.id, input: "create the order" });
  return { caller, project, runId, approval: await pendingApproval(runId) };
}

describe("approval in a test run", { skip, timeout: 300_000 }, () => {
  test("approve: the decision reaches the running agent and the run goes on; a second decision is CONFLICT", async () => {
    const { caller, project, runId, approval } = await setup("approve");
    assert.equal(approval.tool, "http_request");
    const other = await createUser(platform, "approval-intruder");
    await assert.rejects(other.caller.testing.decideApproval({ runId, approvalId: approval.id, decision: "approve" }), (e) => code(e) === "NOT_FOUND");
    await assert.rejects(caller.testing.decideApproval({ runId, approvalId: "apr_never_asked", decision: "approve" }), (e) => code(e) === "NOT_FOUND");

    assert.deepEqual(await caller.testing.decideApproval({ runId, approvalId: approval.id, decision: "approve" }), { runId, approvalId: approval.id, decision: "approve" });
    await assert.rejects(caller.testing.decideApproval({ runId, approvalId: approval.id, decision: "deny" }), (e) => code(e) === "CONFLICT" && (e as Error).message.includes(approval.id) && /already approved/.test((e as Error).message));

    const run = await waitForRun(() => caller.testing.get({ projectId: project.id, runId }));
    assert.equal(run.status, "succeeded", `${run.error}\n${run.logsExcerpt}`);
    assert.equal(run.output, "http_request ran: order created");
    const decided = run.events.find((e) => e.type === "approval_decision");
    assert.equal(decided?.type === "approval_decision" && decided.decision, "approve");
  });

  test("deny: the agent reports the denial", async () => {
    const { caller, project, runId, approval } = await setup("deny");
    await caller.testing.decideApproval({ runId, approvalId: approval.id, decision: "deny" });
    const run = await waitForRun(() => caller.testing.get({ projectId: project.id, runId }));
    assert.equal(run.status, "succeeded", `${run.error}\n${run.logsExcerpt}`);
    assert.match(run.output, /denied running http_request/);
  });

  test("an expired approval, and one the agent timed out itself, are CONFLICT naming them", async () => {
    const { caller, project, runId, approval } = await setup("expired", 300, 1_500);
    await new Promise((r) => setTimeout(r, 400));
    await assert.rejects(caller.testing.decideApproval({ runId, approvalId: approval.id, decision: "approve" }), (e) => code(e) === "CONFLICT" && (e as Error).message.includes(approval.id) && /expired/.test((e as Error).message));
    const run = await waitForRun(() => caller.testing.get({ projectId: project.id, runId }));
    assert.match(run.output, /denied/);
    await assert.rejects(caller.testing.decideApproval({ runId, approvalId: approval.id, decision: "approve" }), (e) => code(e) === "CONFLICT" && /no one answered in time/.test((e as Error).message));
  });
});


describe("approval in a test run of a generated agent", { skip, timeout: 600_000 }, () => {
  test("pause → approve → the tool runs; pause → deny → the agent says it was not done", async () => {
    const { caller } = await createUser(platform, "generated");
    const project = await caller.project.create({ name: "Gated" });
    const version = await storeGenerated(platform, project.id, GATED_SPEC);
    for (const decision of ["approve", "deny"] as const) {
      const { runId } = await caller.testing.run({ projectId: project.id, versionId: version.id, input: "Send an http request to https://example.com/orders" });
      const approval = await pendingApproval(runId, 300_000);
      assert.equal(approval.tool, "http_request");
      await caller.testing.decideApproval({ runId, approvalId: approval.id, decision });
      const run = await waitForRun(() => caller.testing.get({ projectId: project.id, runId }));
      assert.equal(run.status, "succeeded", `${decision}: ${run.error}\n${run.logsExcerpt}`);
      const decided = run.events.find((e) => e.type === "approval_decision");
      assert.equal(decided?.type === "approval_decision" && decided.decision, decision);
      if (decision === "approve") assert.ok(run.events.some((e) => e.type === "tool_result" && e.name === "http_request"), "the approved tool ran");
      else assert.match(run.output, /denied running http_request/);
    }
  });
});

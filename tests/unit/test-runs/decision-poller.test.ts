import assert from "node:assert/strict";
import { test } from "node:test";
import { decisionPoller } from "../../../server/test-runs/runner/decision-poller";

/** The ECS runner task's side of approval: it polls only while its agent waits, and feeds each decision once. */

const request = (id: string) => ({ type: "approval_request" as const, id, tool: "http_request", input: {}, expiresAt: "2026-12-05T00:00:00Z", t: 0 });
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("polls while an approval waits, writes its decision to the agent once, then stops", async () => {
  let polls = 0;
  const sent: unknown[] = [];
  const p = decisionPoller(async () => (polls++, { decisions: polls >= 2 ? [{ id: "apr_1", decision: "deny" as const }, { id: "apr_other", decision: "approve" as const }] : [] }), 10);
  p.channel((d) => (sent.push(d), true));
  await tick(40);
  assert.equal(polls, 0, "no polling before anything waits");
  p.event(request("apr_1"));
  await tick(80);
  assert.deepEqual(sent, [{ approvalId: "apr_1", decision: "deny" }], "only the waiting approval's decision, once");
  const after = polls;
  await tick(50);
  assert.equal(polls, after, "stopped once nothing waits");
});

test("the agent's own decision (e.g. its timeout) ends the wait; a failed fetch is retried", async () => {
  let polls = 0;
  const p = decisionPoller(async () => {
    polls++;
    if (polls === 1) throw new Error("app unreachable");
    return { decisions: [] };
  }, 10);
  p.channel(() => true);
  p.event(request("apr_2"));
  await tick(45);
  assert.ok(polls >= 2, `retried after a failure (${polls} polls)`);
  p.event({ type: "approval_decision", id: "apr_2", tool: "http_request", decision: "timeout", t: 1 });
  const at = polls;
  await tick(40);
  assert.equal(polls, at);
});

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, test } from "node:test";
import { APPROVAL_KEY_PREFIX } from "../../server/generation/builders/lambda-conversation";
import { generateProject } from "../../server/generation/generate-project";
import { baseSpec, fixtureRegistry } from "../unit/generation/fixtures";
import { FAKE_FILES } from "./python-fakes";
import { FAKE_BOTO3, LAMBDA_DRIVER } from "./python-fakes-lambda";

/**
 * The generated Python Lambda handler with human approval, RUN under python3 against
 * stand-ins (python-fakes.ts: a Strands-shaped fake agent, an in-memory DynamoDB client), not
 * against Strands or DynamoDB: PyPI is unreachable here. What runs is ours: lambda_handler.py,
 * lambda_approval.py, approval_store.py, conversation_store.py, app/approval.py, app/security.py,
 * app/caller.py. Running it on Strands itself: skipped (the generated project's own CI does).
 */

const TIMEOUT_SECONDS = 30;
const SESSION = "s".repeat(40);
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

type Reply = { status: number; body: Record<string, any> } & { table?: Record<string, Record<string, Record<string, any>>>; now?: number };
type Step = { event: object } | { advance: number } | { dump: true };

/** A fresh copy of the generated project with the stand-ins; each run of `steps` is one warm Lambda process. */
function lambdaProject(memory: "none" | "conversation"): string {
  const project = generateProject(
    baseSpec({ name: "approve-py-lambda", language: "python", tools: [{ id: "http_request" }], deployment: { target: "lambda" }, memory: { type: memory }, approval: { tools: ["http_request"], timeoutSeconds: TIMEOUT_SECONDS } }),
    fixtureRegistry,
  );
  const dir = mkdtempSync(join(tmpdir(), "py-lambda-approval-"));
  dirs.push(dir);
  const files = { ...Object.fromEntries([...project.files].map(([k, v]) => [k, String(v)])), ...FAKE_FILES, "boto3/__init__.py": FAKE_BOTO3, "driver.py": LAMBDA_DRIVER };
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), text);
  }
  return dir;
}

function invoke(dir: string, steps: Step[], memory: "none" | "conversation" = "conversation"): Reply[] {
  // An empty table name is no table (memory "none" keeps no conversation).
  const env = { ...process.env, AGENT_APPROVAL_TABLE: "agent-table", AGENT_CONVERSATION_TABLE: memory === "conversation" ? "agent-table" : "" };
  const out = execFileSync("python3", ["-E", "-s", "driver.py"], { cwd: dir, input: JSON.stringify(steps), encoding: "utf8", env });
  return (JSON.parse(out) as { responses: Reply[] }).responses;
}

const prompt = (over: object = {}) => ({ event: { prompt: "Fetch http://example.test", sessionId: SESSION, ...over } });
const decide = (decision: string, over: object = {}) => ({ event: { approval: { id: "$last", decision }, sessionId: SESSION, ...over } });
const heldKey = (actor: string) => `${APPROVAL_KEY_PREFIX}${actor}#${SESSION}`;

describe("Python Lambda approval, run against stand-ins (not Strands, not DynamoDB)", () => {
  test("a gated call answers 202 and is kept under the approval key with its TTL; approve resumes it and the tool runs; deciding again is 404", () => {
    const [paused, dump, approved, again, after] = invoke(lambdaProject("conversation"), [prompt(), { dump: true }, decide("approve"), decide("approve"), { dump: true }]);
    assert.equal(paused!.status, 202, JSON.stringify(paused));
    const [approval] = paused!.body.approvals as Array<{ id: string; tool: string; expiresAt: string }>;
    assert.match(approval!.id, /^apr_[A-Za-z0-9_-]+$/);
    assert.equal(approval!.tool, "http_request");
    const deadline = Date.parse(approval!.expiresAt) / 1000;
    assert.ok(Math.abs(deadline - (dump!.now! + TIMEOUT_SECONDS)) < 5, "the deadline is the approval timeout from now");
    const held = dump!.table!["agent-table"]![heldKey(`session-${SESSION}`)]!;
    assert.ok(held, `kept under ${heldKey(`session-${SESSION}`)}: ${Object.keys(dump!.table!["agent-table"] ?? {}).join(", ")}`);
    assert.equal(Number(held.expiresAt.N), Math.ceil(deadline) + 24 * 60 * 60, "TTL a day after the deadline");
    assert.match(JSON.parse(held.approvals.S)[0].interruptId, /^v1:before_tool_call:/);
    assert.equal(JSON.parse(held.snapshot.S).data.interrupt_state.activated, true);
    assert.equal(approved!.status, 200, JSON.stringify(approved));
    assert.match(approved!.body.output, /fetched http:\/\/example\.test/);
    assert.deepEqual(approved!.body.decisions, [{ type: "approval_decision", id: approval!.id, tool: "http_request", decision: "approve" }]);
    assert.equal(again!.status, 404);
    const items = Object.keys(after!.table!["agent-table"]!);
    assert.deepEqual(items, [`session-${SESSION}#${SESSION}`], "the paused call is gone, the conversation saved");
  });

  test("deny through the function URL (body + session header): the tool does not run and the answer says so", () => {
    const url = (body: object) => ({ event: { body: JSON.stringify(body), headers: { "X-Amzn-Bedrock-AgentCore-Runtime-Session-Id": SESSION }, isBase64Encoded: false } });
    const [paused, denied] = invoke(lambdaProject("none"), [url({ prompt: "Fetch it" }), url({ approval: { id: "$last", decision: "deny" } })], "none");
    assert.equal(paused!.status, 202);
    assert.equal(denied!.status, 200, JSON.stringify(denied));
    assert.doesNotMatch(denied!.body.output, /fetched/);
    assert.match(denied!.body.output, /denied running http_request/);
    assert.equal(denied!.body.decisions[0].decision, "deny");
  });

  test("a decision after the deadline is a timeout (a deny), not the approve that was sent", () => {
    const [, late] = invoke(lambdaProject("none"), [prompt(), { advance: TIMEOUT_SECONDS + 1 }, decide("approve")], "none");
    assert.equal(late!.status, 200);
    assert.equal(late!.body.decisions[0].decision, "timeout");
    assert.doesNotMatch(late!.body.output, /fetched/);
    assert.match(late!.body.output, new RegExp(`No one approved running http_request within ${TIMEOUT_SECONDS} seconds`));
  });

  test("a new prompt waits (409) while an approval is in time; past its deadline the paused call is dropped as a timeout", () => {
    const [first, waiting, next] = invoke(lambdaProject("conversation"), [prompt(), prompt(), { advance: TIMEOUT_SECONDS + 1 }, prompt()]);
    assert.equal(waiting!.status, 409);
    assert.match(waiting!.body.error, /waits for a decision on approval apr_/);
    assert.equal(next!.status, 202, "the new prompt runs (and its own call waits again)");
    assert.deepEqual(next!.body.decisions.map((d: { id: string; decision: string }) => [d.id, d.decision]), [[first!.body.approvals[0].id, "timeout"]]);
    assert.notEqual(next!.body.approvals[0].id, first!.body.approvals[0].id);
  });

  test("another actor's decision finds nothing (404) and leaves the call waiting for its own actor", () => {
    const [, stranger, owner] = invoke(lambdaProject("none"), [prompt({ actorId: "alice" }), decide("approve", { actorId: "mallory" }), decide("approve", { actorId: "alice" })], "none");
    assert.equal(stranger!.status, 404);
    assert.equal(owner!.status, 200);
    assert.match(owner!.body.output, /fetched/);
  });

  test("a malformed decision is refused with 400 naming the field; nothing is taken", () => {
    const [, bad, good] = invoke(lambdaProject("none"), [prompt(), { event: { approval: { id: "x y", decision: "maybe" }, sessionId: SESSION } }, decide("deny")], "none");
    assert.equal(bad!.status, 400);
    assert.match(bad!.body.error, /^approval must be/);
    assert.equal(good!.status, 200);
  });
});

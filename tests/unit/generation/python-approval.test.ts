import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, test } from "node:test";
import { parse } from "yaml";
import { APPROVAL_KEY_PREFIX } from "../../../server/generation/builders/lambda-conversation";
import { generateProject } from "../../../server/generation/generate-project";
import { verifyProject } from "../../../server/generation/verify/verify-project";
import { baseSpec, fixtureRegistry } from "./fixtures";

/**
 * Human approval in generated Python: the Lambda handler keeps a paused call in DynamoDB and
 * resumes it on a later invocation; run_once.py (the Testing tab's runner) pauses on stdin.
 * PyPI is unreachable here, so this is structural: every generated .py is compiled
 * (py_compile) and read with Python's ast (never imported). Running it: skipped.
 */

type Target = "agentcore" | "ecs-fargate" | "lambda";
const gated = (target: Target, over: object = {}) =>
  generateProject(baseSpec({ name: `gated-py-${target}`, language: "python", tools: [{ id: "http_request" }], deployment: { target }, approval: { tools: ["http_request"], timeoutSeconds: 30 }, ...over }), fixtureRegistry);

// Prints a module's shape as JSON: its imports, and per top-level function (methods as Class.name) the calls it makes in source order.
const SHAPE = `
import ast, json, sys
tree = ast.parse(sys.stdin.read())
imports = sorted({f"{n.module}.{a.name}" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names})
def calls(node):
    found = [c for c in ast.walk(node) if isinstance(c, ast.Call)]
    return [ast.unparse(c) for c in sorted(found, key=lambda c: (c.lineno, c.col_offset))]
fns = {}
for node in tree.body:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        fns[node.name] = calls(node)
    if isinstance(node, ast.ClassDef):
        for item in node.body:
            if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                fns[f"{node.name}.{item.name}"] = calls(item)
constants = {t.id: n.value.value for n in tree.body if isinstance(n, ast.Assign) and isinstance(n.value, ast.Constant) for t in n.targets if isinstance(t, ast.Name)}
print(json.dumps({"imports": imports, "functions": fns, "constants": constants}))
`;
type Shape = { imports: string[]; functions: Record<string, string[]>; constants: Record<string, unknown> };
const shapeOf = (source: unknown): Shape => JSON.parse(execFileSync("python3", ["-I", "-c", SHAPE], { input: String(source), encoding: "utf8" })) as Shape;
const indexOfCall = (calls: string[] | undefined, pattern: RegExp) => (calls ?? []).findIndex((c) => pattern.test(c));
/** Both calls are made, `first` before `then`. */
function assertBefore(calls: string[] | undefined, first: RegExp, then: RegExp): void {
  const [a, b] = [indexOfCall(calls, first), indexOfCall(calls, then)];
  assert.ok(a >= 0 && b >= 0 && a < b, `${first} before ${then} in:\n${(calls ?? []).join("\n")}`);
}

/** Writes the .py files to a directory and byte-compiles each (a syntax or indentation error fails). */
function compileAll(files: Map<string, string | Uint8Array>): string[] {
  const dir = mkdtempSync(join(tmpdir(), "py-approval-"));
  try {
    const py = [...files.keys()].filter((f) => f.endsWith(".py"));
    for (const f of py) {
      mkdirSync(dirname(join(dir, f)), { recursive: true });
      writeFileSync(join(dir, f), String(files.get(f)));
    }
    execFileSync("python3", ["-I", "-m", "py_compile", ...py], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    return py;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("Python on Lambda with human approval (structural; running: skipped, PyPI is unreachable)", () => {
  test("every generated .py compiles, and the project verifies, with and without conversation memory", async () => {
    for (const memory of [{ type: "none" }, { type: "conversation" }]) {
      const project = gated("lambda", { memory });
      const compiled = compileAll(project.files);
      for (const f of ["lambda_handler.py", "lambda_approval.py", "approval_store.py", "conversation_store.py", "run_once.py", "app/approval.py"]) assert.ok(compiled.includes(f), `${f} compiled`);
      const result = await verifyProject(project.files, { requiredIam: project.requiredIam });
      assert.deepEqual(result.checks.filter((c) => c.severity === "error"), []);
    }
  });

  test("a gated call stops the run, its Strands snapshot is kept, and the invocation answers 202 with the approvals", () => {
    const handler = shapeOf(gated("lambda").files.get("lambda_handler.py"));
    for (const name of ["strands.Snapshot", "lambda_approval.take_for_decision", "lambda_approval.pause_for_approval", "lambda_approval.drop_expired_hold", "lambda_approval.decision_of"]) assert.ok(handler.imports.includes(name), `imports ${name}`);
    const run = handler.functions._run!;
    // A decision: the paused call taken, a new agent given the snapshot, resumed with the interrupt responses.
    assertBefore(run, /^take_for_decision\(caller, request\.decision\)$/, /^agent\.load_snapshot\(Snapshot\.from_dict\(json\.loads\(resumption\.held\.snapshot\)\)\)$/);
    // A prompt: a paused call past its deadline dropped before the conversation is loaded.
    assertBefore(run, /^drop_expired_hold\(caller\)$/, /^load_conversation/);
    assertBefore(run, /^agent\(next_input\)$/, /^pause_for_approval\(caller, agent, list\(result\.interrupts or \[\]\), version, earlier\)$/);
    const source = String(gated("lambda").files.get("lambda_handler.py"));
    assert.match(source, /if result\.stop_reason == "interrupt":\s+approvals = pause_for_approval\([^)]*\)\)?[^\n]*\n\s+return 202, \{"sessionId": caller\.session_id, "approvals": approvals/);
    // The conversation is saved only when the run answered (not while it waits).
    assertBefore(run, /^pause_for_approval/, /^save_conversation\(caller, agent\.messages, version\)$/);
    // A body with a decision is read as one before it is judged as a prompt.
    const request = handler.functions._request_of!;
    assertBefore(request, /^_decision_in\(data\)$/, /^parse_request\(data\)$/);
    assertBefore(request, /^decision_of\(fields\)$/, /^validate_prompt/);
    // The refusals a caller can act on, with the statuses the TypeScript handler gives.
    assert.match(source, /except NoSuchApproval as error:\s+return _response\(404,/);
    assert.match(source, /except \(AwaitingApproval, HeldCallConflict\) as error:\s+return _response\(409,/);
  });

  test("lambda_approval: snapshot taken with the session preset, decided approvals answered as interrupt responses, expiry a timeout", () => {
    const approval = shapeOf(gated("lambda").files.get("lambda_approval.py"));
    const pause = approval.functions.pause_for_approval!;
    assert.ok(pause.includes("agent.take_snapshot(preset='session').to_dict()"), pause.join("\n"));
    assert.ok(pause.includes("hold_call(caller, approvals, json.dumps(snapshot, default=str), conversation_version)"), pause.join("\n"));
    const take = approval.functions.take_for_decision!;
    // Exactly one call takes the paused call: load, then a conditional delete, before any response is built.
    assertBefore(take, /^load_held_call\(caller\)$/, /^take_held_call\(caller, held\)$/);
    const source = String(gated("lambda").files.get("lambda_approval.py"));
    assert.match(source, /outcome = "timeout" if approval\.deadline\(\) <= at else decision\.decision if approval\.id == decision\.id else None/);
    assert.match(source, /\{"interruptResponse": \{"interruptId": approval\.interrupt_id, "response": outcome\}\}/);
    assert.ok(approval.functions.drop_expired_hold!.some((c) => c.startsWith("AwaitingApproval(")));
  });

  test("approval_store: the TypeScript layout (key prefix, TTL attribute, conditional put and delete) that the stack's IAM allows", () => {
    const project = gated("lambda", { memory: { type: "none" } });
    const store = shapeOf(project.files.get("approval_store.py"));
    assert.equal(store.constants.KEY_PREFIX, APPROVAL_KEY_PREFIX);
    const source = String(project.files.get("approval_store.py"));
    assert.match(source, /TABLE = os\.environ\.get\("AGENT_APPROVAL_TABLE"\)/);
    assert.match(source, /ConditionExpression="attribute_not_exists\(pk\)"/);
    assert.match(source, /ConditionExpression="rev = :rev"/);
    const cfn = parse(String(project.files.get("infra/cloudformation.yaml"))) as { Resources: Record<string, { Properties: any }> };
    const ttl = cfn.Resources.ConversationTable!.Properties.TimeToLiveSpecification.AttributeName as string;
    assert.match(source, new RegExp(`"${ttl}": \\{"N": str\\(math\\.ceil\\(deadline\\) \\+ KEEP_AFTER_DEADLINE_SECONDS\\)\\}`));
    const statements = cfn.Resources.FunctionRole!.Properties.Policies[0].PolicyDocument.Statement as Array<{ Sid?: string; Action: string[] }>;
    const granted = new Set(statements.filter((s) => s.Sid === "Approvals").flatMap((s) => s.Action));
    // Every DynamoDB call the store makes is granted on approval keys.
    for (const [call, action] of [["get_item", "dynamodb:GetItem"], ["put_item", "dynamodb:PutItem"], ["delete_item", "dynamodb:DeleteItem"]] as const) {
      if (source.includes(`.${call}(`)) assert.ok(granted.has(action), `${call} needs ${action}`);
    }
    assert.match(String(project.files.get("scripts/package-lambda.sh")), /^cp approval_store\.py lambda_approval\.py build\/$/m);
    assert.match(String(project.files.get("README.md")), /answers 202 with `approvals`/);
  });

  test("without approval the Lambda project carries none of it", () => {
    const plain = generateProject(baseSpec({ name: "plain-py-lambda", language: "python", tools: [{ id: "http_request" }], deployment: { target: "lambda" }, memory: { type: "none" } }), fixtureRegistry);
    for (const f of ["approval_store.py", "lambda_approval.py", "app/approval.py"]) assert.equal(plain.files.has(f), false, f);
    assert.doesNotMatch(String(plain.files.get("lambda_handler.py")), /approval|Snapshot/i);
    assert.doesNotMatch(String(plain.files.get("run_once.py")), /approval/i);
    assert.doesNotMatch(String(plain.files.get("scripts/package-lambda.sh")), /approval/);
    assert.doesNotMatch(String(plain.files.get("infra/cloudformation.yaml")), /DynamoDB/);
  });
});

describe("run_once.py with human approval: the Testing tab's line protocol (structural)", () => {
  for (const target of ["agentcore", "ecs-fargate", "lambda"] as const) {
    test(`${target}: approval events out on stdout, decision lines in on stdin, the run resumed with the responses`, () => {
      const project = gated(target);
      compileAll(project.files);
      const runOnce = shapeOf(project.files.get("run_once.py"));
      assert.ok(runOnce.imports.includes("app.approval.stream_with_approvals") && runOnce.imports.includes("app.approval.ApprovalGate"));
      assert.ok(runOnce.functions.main!.some((c) => c.startsWith("asyncio.run(run_with_decisions(")), runOnce.functions.main!.join("\n"));
      const read = runOnce.functions.read_decisions!;
      assert.ok(read.includes("gate.decide(decision['approval'], decision['decision'])"), read.join("\n"));
      const run = runOnce.functions.run!;
      assert.ok(run.some((c) => c.startsWith("stream_with_approvals(agent, prompt,")));
      assert.ok(run.includes("write_event({'type': 'approval_request', **event['approval_request']})"));
      assert.ok(run.includes("write_event({'type': 'approval_decision', **event['approval_decision']})"));
      const approval = shapeOf(project.files.get("app/approval.py"));
      // The approval id is minted (an interrupt id has ":" in it, which the Testing tab does not take).
      assert.ok(approval.functions["ApprovalGate.open"]!.includes("new_approval_id()"));
      assert.ok(approval.functions.stream_with_approvals!.some((c) => /^_responses\(\[interrupt\.id for interrupt in result\.interrupts\]/.test(c)));
    });
  }

  test("the generated pytest suite carries approval tests for Strands itself (they run in the project's CI; here: compiled only)", () => {
    for (const target of ["agentcore", "ecs-fargate", "lambda"] as const) {
      const project = gated(target);
      assert.ok(compileAll(project.files).includes("tests/test_approval.py"));
      const tests = shapeOf(project.files.get("tests/test_approval.py"));
      const names = Object.keys(tests.functions).filter((n) => n.startsWith("test_"));
      assert.deepEqual(names.slice(0, 3), ["test_an_approved_call_runs_after_its_approval_request", "test_a_denied_call_does_not_run_and_the_model_is_told", "test_no_decision_in_time_is_a_deny"]);
      // The Lambda pause and resume through a real Strands snapshot, only where the Lambda modules exist.
      assert.equal(names.includes("test_lambda_keeps_the_paused_call_and_a_later_invocation_resumes_it"), target === "lambda", target);
      if (target === "lambda") {
        const resume = tests.functions.test_lambda_keeps_the_paused_call_and_a_later_invocation_resumes_it!;
        assertBefore(resume, /^lambda_approval\.pause_for_approval\(/, /^resumed\.load_snapshot\(Snapshot\.from_dict\(/);
      }
    }
    const plain = generateProject(baseSpec({ name: "plain-py", language: "python", tools: [{ id: "http_request" }], deployment: { target: "lambda" } }), fixtureRegistry);
    assert.equal(plain.files.has("tests/test_approval.py"), false);
  });

  test("without approval run_once.py streams as before: no stdin reader", () => {
    const plain = generateProject(baseSpec({ name: "plain-py", language: "python", tools: [{ id: "http_request" }], deployment: { target: "ecs-fargate" } }), fixtureRegistry);
    const runOnce = shapeOf(plain.files.get("run_once.py"));
    assert.equal(runOnce.functions.read_decisions, undefined);
    assert.ok(runOnce.functions.main!.some((c) => c.startsWith("asyncio.run(run(")));
  });
});

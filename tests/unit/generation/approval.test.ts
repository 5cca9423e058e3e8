import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, test } from "node:test";
import { approvalToolIds } from "../../../server/generation/approval";
import { generateProject } from "../../../server/generation/generate-project";
import { resolveProject } from "../../../server/generation/resolve";
import { loadRegistryFrom, registryLookup } from "../../../server/registry/load";
import { baseSpec, fixtureRegistry } from "./fixtures";

/** Which tools pause for approval, and the generated pieces that do it. */

const registry = registryLookup(loadRegistryFrom(join(__dirname, "..", "..", "..", "registry")));
const tsSpec = (over: object) => baseSpec({ language: "typescript", tools: [{ id: "notebook" }, { id: "http_request_vended" }, { id: "file_editor" }], deployment: { target: "ecs-fargate" }, ...over });

describe("human approval", () => {
  test("default: every selected tool the registry marks with side effects", () => {
    const project = resolveProject(tsSpec({ approval: {} }), registry);
    assert.deepEqual(approvalToolIds(project), ["http_request_vended", "file_editor"]);
  });

  test("listed tools only, when the spec lists them; none without an approval section", () => {
    assert.deepEqual(approvalToolIds(resolveProject(tsSpec({ approval: { tools: ["file_editor"] } }), registry)), ["file_editor"]);
    assert.deepEqual(approvalToolIds(resolveProject(tsSpec({}), registry)), []);
  });

  test("a listed tool the agent does not have is refused with the field named", () => {
    assert.throws(() => resolveProject(tsSpec({ approval: { tools: ["shell_vended"] } }), registry), (e: Error & { details?: { issues?: Array<{ path: string }> } }) => {
      assert.match(e.message, /approval\.tools\.0 tool 'shell_vended' is not one of the agent's tools/);
      return true;
    });
  });

  test("Python on Lambda is accepted: the handler keeps the paused call (no refusal left for any target)", () => {
    const lambda = baseSpec({ language: "python", tools: [{ id: "http_request" }], deployment: { target: "lambda" }, approval: { tools: ["http_request"] } });
    const project = resolveProject(lambda, fixtureRegistry);
    assert.deepEqual(approvalToolIds(project), ["http_request"]);
    for (const target of ["ecs-fargate", "agentcore", "lambda"] as const) {
      for (const language of ["python", "typescript"] as const) {
        const gated = baseSpec({ language, tools: [{ id: "http_request" }], deployment: { target }, approval: { tools: ["http_request"] } });
        assert.deepEqual(approvalToolIds(resolveProject(gated, fixtureRegistry)), ["http_request"], `${language} on ${target}`);
      }
    }
  });

  test("generated Python on AgentCore (structural; it cannot run here): the decision comes as an /invocations body on the session, the stream resumes with interrupt responses, and it verifies", async () => {
    const { verifyProject } = await import("../../../server/generation/verify/verify-project");
    const project = generateProject(baseSpec({ language: "python", tools: [{ id: "http_request" }], deployment: { target: "agentcore" }, approval: { tools: ["http_request"], timeoutSeconds: 30 } }), fixtureRegistry);
    const main = String(project.files.get("main.py"));
    // The decision is taken before the session's lock: the lock is held by the call that waits.
    assert.match(main, /if "approval" in payload:\s+yield decide\(payload\["approval"\], context\)\s+return/);
    assert.ok(main.indexOf('if "approval" in payload') < main.indexOf("async with lock"));
    assert.match(main, /gate\.decide\(approval_id, decision\)/);
    assert.match(main, /async for event in stream_with_approvals\(agent, prompt, gate\)/);
    assert.match(main, /yield \{"type": "approval_request", \*\*event\["approval_request"\]\}/);
    const approval = String(project.files.get("app/approval.py"));
    // Strands Python: the stopped run's interrupts, answered with interruptResponse blocks through stream_async.
    assert.match(approval, /async for event in agent\.stream_async\(next_input\)/);
    assert.match(approval, /result\.stop_reason != "interrupt"/);
    assert.match(approval, /\{"interruptResponse": \{"interruptId": i, "response": d\}\}/);
    assert.match(approval, /event\.interrupt\(/);
    assert.match(approval, /event\.cancel_tool = /);
    const result = await verifyProject(project.files, { requiredIam: project.requiredIam });
    assert.deepEqual(result.checks.filter((c) => c.severity === "error"), []);
    // The ECS variant keeps its endpoints; its server settles approvals without streaming them.
    const ecs = generateProject(baseSpec({ language: "python", tools: [{ id: "http_request" }], deployment: { target: "ecs-fargate" }, approval: { tools: ["http_request"] } }), fixtureRegistry);
    assert.doesNotMatch(String(ecs.files.get("main.py")), /stream_with_approvals/);
  });

  test("Lambda (TypeScript and Python): the paused call is kept in the table under approval keys, with TTL and least-privilege IAM", async () => {
    const { parse } = await import("yaml");
    const pySpec = (over: object) => baseSpec({ language: "python", tools: [{ id: "http_request" }], ...over });
    for (const [memory, language] of [{ type: "none" }, { type: "conversation" }].flatMap((m) => (["typescript", "python"] as const).map((l) => [m, l] as const))) {
      const project = language === "typescript" ? generateProject(tsSpec({ approval: {}, memory, deployment: { target: "lambda" } }), registry) : generateProject(pySpec({ approval: { tools: ["http_request"] }, memory, deployment: { target: "lambda" } }), fixtureRegistry);
      const cfn = parse(String(project.files.get("infra/cloudformation.yaml"))) as { Resources: Record<string, { Type: string; Properties: any }> };
      const table = cfn.Resources.ConversationTable!;
      assert.equal(table.Type, "AWS::DynamoDB::Table");
      assert.deepEqual(table.Properties.TimeToLiveSpecification, { AttributeName: "expiresAt", Enabled: true });
      const vars = cfn.Resources.Function!.Properties.Environment.Variables;
      assert.deepEqual(vars.AGENT_APPROVAL_TABLE, { Ref: "ConversationTable" });
      // Memory "none" keeps no conversation: only the paused call.
      assert.equal("AGENT_CONVERSATION_TABLE" in vars, memory.type !== "none");
      const statements = cfn.Resources.FunctionRole!.Properties.Policies[0].PolicyDocument.Statement as Array<{ Sid?: string; Action: string[]; Condition?: unknown }>;
      const approvals = statements.find((st) => st.Sid === "Approvals");
      assert.deepEqual(approvals?.Action, ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"]);
      assert.deepEqual(approvals?.Condition, { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": "#approval#*" } });
      assert.ok(!statements.some((st) => st.Sid !== "Approvals" && st.Action.includes("dynamodb:DeleteItem")));
    }
    for (const terraformProject of [
      generateProject(tsSpec({ approval: {}, memory: { type: "none" }, deployment: { target: "lambda", iac: "terraform" } }), registry),
      generateProject(pySpec({ approval: { tools: ["http_request"] }, memory: { type: "none" }, deployment: { target: "lambda", iac: "terraform" } }), fixtureRegistry),
    ]) {
      const terraform = String(terraformProject.files.get("infra/terraform/main.tf"));
      assert.match(terraform, /AGENT_APPROVAL_TABLE\s*=\s*aws_dynamodb_table\.conversation\.name/);
      assert.match(terraform, /variable\s*=\s*"dynamodb:LeadingKeys"\s*\n\s*values\s*=\s*\["#approval#\*"\]/);
    }
    const handler = String(generateProject(tsSpec({ approval: {}, deployment: { target: "lambda" } }), registry).files.get("src/lambda.ts"));
    // A decision is read before the body is taken for a prompt; the hook interrupts instead of waiting.
    assert.ok(handler.indexOf("approvalDecisionOf(bytes)") < handler.indexOf("parseRequest(bytes)"));
    assert.match(handler, /interruptForApproval\(agent, await approvalNames\)/);
    const plain = generateProject(tsSpec({ deployment: { target: "lambda" }, memory: { type: "none" } }), registry);
    assert.equal(plain.files.has("src/lambda-approval.ts"), false);
    assert.doesNotMatch(String(plain.files.get("src/lambda.ts")), /approval/i);
    assert.doesNotMatch(String(plain.files.get("infra/cloudformation.yaml")), /DynamoDB/);
  });

  test("TypeScript on AgentCore: accepted; the server takes a decision as an /invocations body on the same session", () => {
    const project = generateProject(tsSpec({ approval: {}, deployment: { target: "agentcore" } }), registry);
    const server = String(project.files.get("src/server.ts"));
    assert.match(server, /const decision = approvalDecisionOf\(raw\);\s+if \(decision\) return decideInvocation\(req, res, decision\);/);
    // The decision is read before the busy check: the session is busy with the call that waits.
    assert.ok(server.indexOf("approvalDecisionOf(raw)") < server.indexOf("if (busy.has(key))"));
    assert.match(String(project.files.get("src/approval.ts")), /export function approvalDecisionOf\(body: Buffer\)/);
  });

  test("bad approval settings are refused with the field named", () => {
    assert.throws(() => generateProject(tsSpec({ approval: { timeoutSeconds: 1 } }), registry), /approval\.timeoutSeconds/);
  });

  test("generated TypeScript: approval.ts with the ids and timeout, the hook wired in run-once and the server; none without approval", () => {
    const project = generateProject(tsSpec({ approval: { timeoutSeconds: 45 }, deployment: { target: "ecs-fargate" } }), registry);
    const approval = String(project.files.get("src/approval.ts"));
    assert.match(approval, /new Set<string>\(\["http_request_vended", "file_editor"\]\)/);
    assert.match(approval, /APPROVAL_TIMEOUT_MS = 45000;/);
    assert.match(approval, /agent\.addHook\(BeforeToolCallEvent/);
    assert.match(String(project.files.get("src/run-once.ts")), /requireApproval\(agent, gate, await approvalToolNames\(tools\)\)/);
    assert.match(String(project.files.get("src/server.ts")), /\/\^\\\/sessions\\\/\(\[\^\/\]\+\)\\\/approvals/);
    const plain = generateProject(tsSpec({ deployment: { target: "ecs-fargate" } }), registry);
    assert.equal(plain.files.has("src/approval.ts"), false);
    assert.doesNotMatch(String(plain.files.get("src/server.ts")), /approval/i);
  });

  test("an agent with approval but no side-effecting tool gets no approval code", () => {
    const project = generateProject(baseSpec({ language: "typescript", tools: [{ id: "notebook" }], approval: {} }), fixtureRegistry);
    assert.equal(project.files.has("src/approval.ts"), false);
  });

  test("generated Python (structural; it cannot run here): interrupt hook, settle loop, per-session endpoints, and it verifies", async () => {
    const { verifyProject } = await import("../../../server/generation/verify/verify-project");
    const project = generateProject(baseSpec({ language: "python", tools: [{ id: "http_request" }], deployment: { target: "ecs-fargate" }, approval: { tools: ["http_request"], timeoutSeconds: 30 } }), fixtureRegistry);
    const approval = String(project.files.get("app/approval.py"));
    assert.match(approval, /APPROVAL_TOOLS = frozenset\(\["http_request"\]\)/);
    assert.match(approval, /event\.interrupt\(/);
    assert.match(String(project.files.get("app/agent.py")), /hooks=\[ApprovalHook\(\)\]/);
    const main = String(project.files.get("main.py"));
    assert.match(main, /@app\.get\("\/sessions\/\{session_id\}\/approvals"\)/);
    assert.match(main, /@app\.post\("\/sessions\/\{session_id\}\/approvals\/\{approval_id\}"\)/);
    assert.match(main, /settle_approvals\(agent, await agent\.invoke_async\(body\["prompt"\]\)/);
    const result = await verifyProject(project.files, { requiredIam: project.requiredIam });
    assert.deepEqual(result.checks.filter((c) => c.severity === "error"), []);
  });
});

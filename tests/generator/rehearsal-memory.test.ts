import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { generateProject } from "../../server/generation/generate-project";
import { rehearseProject } from "../../server/generation/rehearse/rehearse-project";
import { loadRegistryFrom, registryLookup } from "../../server/registry/load";
import { baseSpec } from "../unit/generation/fixtures";

/**
 * AgentCore Memory keyed per caller, rehearsed: the generated TypeScript project (the real
 * registry's memory tool) boots as deployed with its AWS SDK pointed at a loopback stand-in
 * of the AgentCore Memory data plane, and two actors / two sessions do not share memories.
 * Putting the old defect back (one fixed actor and session for every caller) fails the check.
 */

const CACHE = join(tmpdir(), "agent-builder-rehearsal-cache");
const registry = registryLookup(loadRegistryFrom(join(__dirname, "../../registry")));
const specFor = (target: "agentcore" | "lambda") =>
  baseSpec({ name: `mem-${target}`, language: "typescript", tools: [{ id: "agent_core_memory", config: { memory_id: "orders_memory-0123456789" } }], deployment: { target } });

describe("AgentCore Memory is keyed by the caller", { timeout: 900_000 }, () => {
  for (const target of ["agentcore", "lambda"] as const) {
    test(`${target}: two actors and two sessions do not share memory`, async () => {
      const project = generateProject(specFor(target), registry);
      const config = JSON.parse(String(project.files.get("agent_config.json"))) as { tools: Record<string, { config: Record<string, unknown> }> };
      assert.deepEqual(Object.keys(config.tools.agent_core_memory!.config).sort(), ["memory_id", "namespace", "region"], "no actor or session in settings");
      const r = await rehearseProject(project.files, { cacheRoot: CACHE });
      const check = r.checks.find((c) => c.name === "memory-per-caller");
      assert.ok(check, JSON.stringify(r, null, 2));
      assert.equal(check.ok, true, check.detail);
      assert.equal(r.status, "passed", r.reason ?? "");
      assert.match(r.how ?? "", /AgentCore Memory( and [^;]+)? stood in on loopback/);
    });
  }

  test("agentcore: the check fails when every caller shares one fixed actor and session (the old defect)", async () => {
    const project = generateProject(specFor("agentcore"), registry);
    const files = new Map(project.files);
    const tools = String(files.get("src/tools.ts"));
    const broken = tools.replace("callerOf(context?.invocationState)", '({ actorId: "customer", sessionId: "default" })');
    assert.notEqual(broken, tools, "the defect was put back");
    files.set("src/tools.ts", broken.replace('import { callerOf } from "./caller.js";\n', ""));
    const r = await rehearseProject(files, { cacheRoot: CACHE });
    const check = r.checks.find((c) => c.name === "memory-per-caller");
    assert.equal(check?.ok, false, JSON.stringify(r.checks));
    assert.equal(r.status, "failed");
  });
});

describe("Lambda keeps the conversation in the DynamoDB table its template creates", { timeout: 900_000 }, () => {
  const spec = baseSpec({ name: "conv-lambda", language: "typescript", tools: [], deployment: { target: "lambda" } });

  test("the template creates the table with TTL, and the function may only get and put its items", () => {
    const project = generateProject(spec, registry);
    const cfn = String(project.files.get("infra/cloudformation.yaml"));
    assert.match(cfn, /ConversationTable:\n\s+Type: AWS::DynamoDB::Table/);
    assert.match(cfn, /TimeToLiveSpecification:\n\s+AttributeName: expiresAt\n\s+Enabled: true/);
    assert.match(cfn, /AGENT_CONVERSATION_TABLE:\n\s+Ref: ConversationTable/);
    assert.match(cfn, /Action:\n\s+- dynamodb:GetItem\n\s+- dynamodb:PutItem\n\s+Resource:\n\s+- !GetAtt ConversationTable\.Arn|Action:\n\s+- dynamodb:GetItem\n\s+- dynamodb:PutItem\n\s+Resource:\n\s+- Fn::GetAtt:\n\s+- ConversationTable\n\s+- Arn/);
    // Python keeps it the same way (conversation_store.py; structural here, Python cannot run on this machine).
    const python = generateProject(baseSpec({ ...spec, language: "python" }), registry).files;
    assert.match(String(python.get("infra/cloudformation.yaml")), /AGENT_CONVERSATION_TABLE:\n\s+Ref: ConversationTable/);
    assert.match(String(python.get("lambda_handler.py")), /messages, version = load_conversation\((request\.)?caller\)[\s\S]*save_conversation\((request\.)?caller, agent\.messages, version\)/);
    assert.match(String(python.get("scripts/package-lambda.sh")), /cp lambda_handler\.py conversation_store\.py/);
    const none = generateProject(baseSpec({ ...spec, memory: { type: "none", windowSize: 20 } }), registry);
    assert.doesNotMatch(String(none.files.get("infra/cloudformation.yaml")), /DynamoDB|dynamodb:/);
  });

  test("two calls on one session: the second sees the first (rehearsed against dynalite)", async () => {
    const r = await rehearseProject(generateProject(spec, registry).files, { cacheRoot: CACHE });
    const check = r.checks.find((c) => c.name === "conversation-memory");
    assert.equal(check?.ok, true, JSON.stringify(r, null, 2));
    assert.equal(r.status, "passed", r.reason ?? "");
    assert.match(r.how ?? "", /DynamoDB \(rehearsal-ConversationTable\) stood in on loopback/);
  });

  test("the check fails when the handler starts each call afresh (the old defect)", async () => {
    const files = new Map(generateProject(spec, registry).files);
    const lambda = String(files.get("src/lambda.ts"));
    const broken = lambda.replace("createAgent({ tools: await ready, messages: conversation.messages })", "createAgent({ tools: await ready })");
    assert.notEqual(broken, lambda, "the defect was put back");
    files.set("src/lambda.ts", broken);
    const r = await rehearseProject(files, { cacheRoot: CACHE });
    const check = r.checks.find((c) => c.name === "conversation-memory");
    assert.equal(check?.ok, false, JSON.stringify(r.checks));
    assert.match(check!.detail, /did not see the first call/);
  });
});

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { getBuiltinTemplate } from "../../../server/consultation/templates-builtin";
import { DomainError } from "../../../server/errors";
import { applyPlan, planModification } from "../../../server/modifications/plan/plan";
import { ModificationPlan } from "../../../server/modifications/plan/types";
import { estimateModelMonthlyCost } from "../../../server/cost/model-cost";
import type { AgentSpec } from "../../../server/spec/agent-spec";
import { realRegistry } from "./registry";

const registry = realRegistry();
const support = getBuiltinTemplate("builtin-customer-support")!.spec;
const plan = (request: string, spec: AgentSpec = support) => planModification(spec, request, registry);
const paths = (p: ModificationPlan) => p.changes.map((c) => c.path);

describe("planModification", () => {
  test("add web search: the registry's web search tool is appended, existing tools kept", () => {
    const p = plan("add web search");
    assert.deepEqual(paths(p), ["tools"]);
    assert.deepEqual((p.changes[0]!.to as { id: string }[]).map((t) => t.id), ["bedrock_knowledge_base", "tavily"]);
    assert.deepEqual(p.changes[0]!.from, support.tools);
    assert.match(p.summary, /adds Tavily .* for web search/);
    assert.ok(ModificationPlan.safeParse(p).success, "the plan is a valid artifact");
    assert.deepEqual(applyPlan(support, p).tools.map((t) => t.id), ["bedrock_knowledge_base", "tavily"]);
  });

  test("adding what is already there changes nothing and says so", () => {
    const p = plan("add a knowledge base");
    assert.deepEqual(p.changes, []);
    assert.match(p.summary, /already has a tool for a knowledge base/);
  });

  test("remove X: by capability or by the tool's name", () => {
    assert.deepEqual(applyPlan(support, plan("remove the knowledge base")).tools, []);
    const withTwo = applyPlan(support, plan("add web search"));
    assert.deepEqual(applyPlan(withTwo, plan("drop tavily", withTwo)).tools.map((t) => t.id), ["bedrock_knowledge_base"]);
    assert.match(plan("remove web search").summary, /no tool for web search to remove/);
  });

  test("switch to a cheaper model: the cheapest capable model, cheaper than the current one", () => {
    const p = plan("switch to a cheaper model");
    assert.deepEqual(paths(p), ["model.id"]);
    const before = registry.models.find((m) => m.id === support.model.id)!;
    const after = registry.models.find((m) => m.id === p.changes[0]!.to)!;
    const usage = { requestsPerMonth: 30_000, inputTokens: 2_000, outputTokens: 500 };
    assert.ok(estimateModelMonthlyCost(after, usage).monthlyUsd! < estimateModelMonthlyCost(before, usage).monthlyUsd!);
    for (const cap of ["toolUse", "streaming"] as const) assert.equal(after.capabilities[cap], true);
    assert.match(p.summary, /cheapest .*model with toolUse, streaming: about \$[\d.]+ a month .* against \$[\d.]+ for Claude Haiku 4\.5/);
  });

  test("use Claude / Nova: the named registry model", () => {
    // Among the Nova Pro ids the registry recommends the in-region one.
    assert.equal(plan("use Nova Pro instead").changes[0]!.to, "amazon.nova-pro-v1:0");
    assert.equal(plan("use Claude Sonnet 4.5").changes[0]!.to, "us.anthropic.claude-sonnet-4-5-20250929-v1:0");
  });

  test("deploy on Lambda / Fargate instead: a fresh deployment for the target, region kept", () => {
    const lambda = applyPlan(support, plan("deploy on Lambda instead"));
    assert.deepEqual(lambda.deployment, { target: "lambda", region: "us-east-1", architecture: "arm64", memoryMb: 1024, timeoutSeconds: 120 });
    assert.equal(applyPlan(support, plan("run it in containers")).deployment.target, "ecs-fargate");
    assert.match(plan("deploy it on AgentCore").summary, /already runs on AgentCore/);
  });

  test("use Terraform: deployment.iac changes; a later target change keeps it; back to CloudFormation", () => {
    const p = plan("use terraform instead");
    assert.deepEqual(paths(p), ["deployment.iac"]);
    assert.match(p.summary, /Terraform \(infra\/terraform\)/);
    const terraform = applyPlan(support, p);
    assert.equal(terraform.deployment.iac, "terraform");
    assert.equal(applyPlan(terraform, plan("deploy on Lambda instead", terraform)).deployment.iac, "terraform");
    assert.match(plan("generate terraform", terraform).summary, /already deploys itself with Terraform/);
    assert.equal(applyPlan(terraform, plan("switch back to CloudFormation", terraform)).deployment.iac, "cloudformation");
    assert.match(plan("use cloudformation").summary, /already deploys itself with CloudFormation/);
  });

  test("deploy on Lambda instead: a tool that does not run there is swapped or left out, each said with the registry's reason", () => {
    const devops = getBuiltinTemplate("builtin-devops")!.spec;
    const p = plan("deploy on lambda instead", devops);
    assert.deepEqual(paths(p), ["deployment", "tools"]);
    const next = applyPlan(devops, p);
    for (const choice of next.tools) assert.ok(registry.tools.find((t) => t.id === choice.id)!.platforms.lambda.supported, choice.id);
    assert.ok(!next.tools.some((t) => t.id === "mcp_cloudwatch"));
    assert.match(p.summary, /Amazon CloudWatch MCP server does not run on AWS Lambda: stdio MCP server .*no registry alternative fits Python on AWS Lambda; I left it out/);
    assert.match(p.summary, /AWS Documentation MCP server does not run on AWS Lambda.*I swapped it for AWS Knowledge MCP server/);
  });

  test("switch to TypeScript on a spec with tavily and http_request: both swapped for their TypeScript alternatives, said as the consultation says it", () => {
    const research = getBuiltinTemplate("builtin-research")!.spec;
    const spec = { ...research, tools: [...research.tools, { id: "http_request", config: {} }] } as AgentSpec;
    const p = plan("switch to TypeScript", spec);
    const next = applyPlan(spec, p);
    assert.equal(next.language, "typescript");
    assert.deepEqual(next.tools.map((t) => t.id).sort(), ["http_request_vended", "mcp_tavily"].sort());
    assert.match(p.summary, /Tavily search, extract, crawl and map has no TypeScript implementation in the registry; I swapped it for Tavily MCP server/);
    assert.match(p.summary, /HTTP request \(strands_tools\) has no TypeScript implementation in the registry; I swapped it for HTTP request \(SDK vended\)/);
    assert.doesNotMatch(p.summary, /registry has no tool/);
  });

  test("add slack where no Slack tool fits (TypeScript on Lambda): nothing changes and the plan says which tool and why, not 'the registry has no tool'", () => {
    const spec = { ...support, language: "typescript", deployment: { ...support.deployment, target: "lambda", memoryMb: 1024, timeoutSeconds: 120 } } as unknown as AgentSpec;
    const p = plan("add slack", spec);
    assert.deepEqual(p.changes, []);
    assert.match(p.summary, /No Slack tool in the registry fits TypeScript on AWS Lambda \(Slack MCP server does not run on AWS Lambda: .*\); I left Slack out/);
    assert.doesNotMatch(p.summary, /registry has no tool|already has/);
  });

  test("a named tool without code for the language is replaced by its fitting alternative, never added as a misfit", () => {
    const ts = { ...support, language: "typescript" } as AgentSpec;
    for (const request of ["add tavily", "add web search"]) {
      const next = applyPlan(ts, plan(request, ts));
      for (const choice of next.tools) assert.ok(registry.tools.find((t) => t.id === choice.id)!.typescript, `${request}: ${choice.id}`);
      assert.ok(next.tools.some((t) => t.id === "mcp_tavily"), request);
    }
  });

  test("use TypeScript: tools without TypeScript code are swapped for registry alternatives or flagged", () => {
    const research = getBuiltinTemplate("builtin-research")!.spec;
    const p = plan("use TypeScript", research);
    assert.deepEqual(paths(p), ["language", "tools"]);
    const next = applyPlan(research, p);
    assert.equal(next.language, "typescript");
    const tool = registry.tools.find((t) => t.id === next.tools[0]!.id)!;
    assert.ok(tool.typescript && tool.platforms.agentcore.supported, tool.id);
  });

  test("make the prompt more formal, then friendlier: one managed style line, replaced not stacked", () => {
    const formal = applyPlan(support, plan("make the prompt more formal"));
    assert.match(formal.systemPrompt, /\nStyle: Use a formal, professional tone/);
    assert.ok(formal.systemPrompt.startsWith(support.systemPrompt.trimEnd()));
    const friendly = applyPlan(formal, plan("make it friendlier", formal));
    assert.equal(friendly.systemPrompt.match(/^Style: /gm)?.length, 1);
    assert.match(friendly.systemPrompt, /warm, friendly/);
  });

  test("make the prompt shorter compacts it", () => {
    const long = { ...support, systemPrompt: `${support.systemPrompt}\n\n\n- one\n- two\n- three\n- four\n- five\n- six` };
    const p = plan("make the prompt shorter", long);
    assert.ok((p.changes[0]!.to as string).length < long.systemPrompt.length);
  });

  test("increase memory: the target's memory setting doubles; conversation memory is separate", () => {
    assert.deepEqual(plan("increase memory").changes.map((c) => [c.path, c.from, c.to]), [["deployment.memoryGb", 2, 4]]);
    assert.deepEqual(plan("give it 8 GB of memory").changes.map((c) => c.to), [8]);
    assert.deepEqual(plan("remember more of the conversation").changes.map((c) => [c.path, c.to]), [["memory.windowSize", 40]]);
    assert.deepEqual(plan("add long-term memory").changes.map((c) => [c.path, c.to]), [["memory.type", "agentcore-memory"]]);
  });

  test("several requests in one sentence give several changes, applied in order", () => {
    const p = plan("Use Nova Lite, add code execution and deploy it in Frankfurt on Fargate");
    assert.deepEqual(paths(p).sort(), ["deployment", "model.id", "tools"]);
    const next = applyPlan(support, p);
    assert.equal(next.deployment.region, "eu-central-1");
    // The model follows the region into the EU geography.
    assert.equal(registry.models.find((m) => m.id === next.model.id)?.inferenceProfile, "eu");
  });

  test("an unrecognized request gives a plan with no changes and says what was not understood", () => {
    const p = plan("make it purple");
    assert.deepEqual(p.changes, []);
    assert.deepEqual(p.patch, []);
    assert.deepEqual(p.notUnderstood, ["make it purple"]);
    assert.match(p.summary, /I did not understand "make it purple"\. Try, for example: "add web search"/);
    assert.deepEqual(applyPlan(support, p), support);
  });

  test("an empty request is invalid", () => {
    assert.throws(() => plan("   "), (e: unknown) => e instanceof DomainError && e.code === "invalid");
  });
});

describe("applyPlan", () => {
  test("returns a new valid spec and leaves the input untouched", () => {
    const copy = structuredClone(support);
    const next = applyPlan(support, plan("rename it to helpdesk-hero"));
    assert.equal(next.name, "helpdesk-hero");
    assert.deepEqual(support, copy);
  });

  test("a plan made for an older spec is a conflict, not an overwrite", () => {
    const p = plan("deploy on Lambda instead");
    const moved = { ...support, deployment: { ...support.deployment, region: "eu-west-1" } } as AgentSpec;
    assert.throws(() => applyPlan(moved, p), (e: unknown) => e instanceof DomainError && e.code === "conflict");
  });

  test("a patch that breaks the schema is rejected with the field named", () => {
    const bad: ModificationPlan = { summary: "x", changes: [], patch: [{ op: "set", path: "name", value: "Bad Name" }], warnings: [], notUnderstood: [] };
    assert.throws(() => applyPlan(support, bad), (e: unknown) => e instanceof DomainError && e.code === "invalid" && /name/.test(e.message));
  });
});

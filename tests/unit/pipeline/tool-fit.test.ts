import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { DomainError } from "../../../server/errors";
import { resolveProject } from "../../../server/generation/resolve";
import { registryLookup } from "../../../server/registry/load";
import { toolMisfits } from "../../../server/registry/tool-fit";
import { assessCompleteness } from "../../../server/consultation/rules/completeness";
import type { SpecDraft, Turn } from "../../../server/consultation/rules/draft";
import { extractSpec } from "../../../server/consultation/rules/extract-spec";
import { resolveIntent } from "../../../server/consultation/rules/extraction/resolve-tool";
import { TOOL_INTENTS } from "../../../server/consultation/rules/extraction/tool-intents";
import { settingName } from "../../../server/consultation/rules/field-names";
import { nextQuestion } from "../../../server/consultation/rules/next-question";
import { composePmReply } from "../../../server/consultation/rules/pm-reply";
import { validateTurnProposal } from "../../../server/consultation/validate-turn-proposal";
import { Proposal } from "../../../server/understanding/proposal";
import { validateProposal } from "../../../server/understanding/validate-proposal";
import { parseSpecOrThrow, type AgentSpec } from "../../../server/spec/agent-spec";
import { realRegistry } from "./registry";

/**
 * One check decides whether a tool fits the agent's language and target (issue 13's
 * defect: a TypeScript spec reached 100 % with a Python-only tool and Dev then refused it).
 * The generator, completeness, extraction and proposal validation must agree with it.
 */

const registry = realRegistry();
const entry = (id: string) => registry.toolById.get(id)!;
const fits = (id: string, language: "python" | "typescript", target: AgentSpec["deployment"]["target"]) => toolMisfits(entry(id), { language, target }).length === 0;

/** A draft that is complete for the rule engine, in TypeScript on AgentCore, with the given tools. */
const complete = (tools: SpecDraft["tools"], extra: SpecDraft = {}): SpecDraft => ({
  name: "research-agent",
  description: "Researches the news and summarises it.",
  systemPrompt: "You are a research assistant.",
  language: "typescript",
  model: { id: "amazon.nova-pro-v1:0" },
  tools,
  deployment: { target: "agentcore" },
  requirements: { useCase: "Research", requestsPerDay: 100, monthlyBudgetUsd: 50 },
  ...extra,
});

/** Plays a conversation through the rule engine and the offline PM, as consultation does. */
function converse(messages: string[], start: SpecDraft = {}) {
  const turns: Turn[] = [];
  let draft = start;
  let last: ReturnType<typeof extractSpec> | undefined;
  let reply = "";
  for (const content of messages) {
    turns.push({ role: "user", content });
    last = extractSpec(turns, draft, registry);
    draft = last.draft;
    reply = composePmReply(last, registry);
    turns.push({ role: "assistant", content: reply });
  }
  return { result: last!, draft, reply };
}

/** Every tool of the draft fits its language and target, by the check of record. */
function assertAllFit(draft: SpecDraft) {
  for (const t of draft.tools ?? []) {
    assert.deepEqual(toolMisfits(entry(t.id), { language: draft.language, target: draft.deployment?.target }), [], `${t.id} does not fit ${draft.language} on ${draft.deployment?.target}`);
  }
}

describe("the check of record", () => {
  test("the generator refuses exactly what toolMisfits reports, with its words", () => {
    assert.equal(fits("tavily", "typescript", "agentcore"), false);
    const spec = parseSpecOrThrow(complete([{ id: "tavily", config: {} }]));
    const error = (() => {
      try {
        resolveProject(spec, registryLookup(registry));
      } catch (e) {
        return e;
      }
    })();
    assert.ok(error instanceof DomainError && error.code === "invalid", String(error));
    const issues = (error.details as { issues: { path: string; message: string }[] }).issues;
    assert.deepEqual(issues, [{ path: "tools.0.id", kind: "invalid", message: toolMisfits(entry("tavily"), { language: "typescript", target: "agentcore" })[0]!.message }]);
    assert.match(issues[0]!.message, /tool 'tavily' has no typescript implementation/);
  });

  test("a target the tool cannot run on is reported with the registry's reason", () => {
    const [misfit] = toolMisfits(entry("mcp_tavily"), { language: "typescript", target: "lambda" });
    assert.equal(misfit?.kind, "target");
    assert.match(misfit!.sentence, /^Tavily MCP server does not run on AWS Lambda: /);
    assert.deepEqual(toolMisfits(entry("mcp_tavily"), { language: "typescript" }), [], "an undecided target is not checked");
  });

  test("an intent never resolves to a tool the generator would refuse", () => {
    for (const intent of TOOL_INTENTS) {
      for (const language of ["python", "typescript"] as const) {
        for (const target of ["agentcore", "ecs-fargate", "lambda"] as const) {
          const tool = resolveIntent(intent, registry.tools, { language, target });
          if (tool) assert.ok(fits(tool.id, language, target), `${intent.id} → ${tool.id} for ${language} on ${target}`);
        }
      }
    }
  });
});

describe("completeness: a tool the generator would refuse leaves the spec incomplete", () => {
  test("tools.N.id is missing, named with the reason and the fitting alternative", () => {
    const draft = complete([{ id: "bedrock_knowledge_base", config: { knowledge_base_id: "KB12345678", description: "Product docs" } }, { id: "tavily", config: {} }]);
    const r = assessCompleteness(draft, registry.tools);
    assert.ok(r.completeness < 1, String(r.completeness));
    assert.deepEqual(r.missing, ["tools.1.id"]);
    const label = settingName("tools.1.id", draft, registry.tools);
    assert.match(label, /Tavily search, extract, crawl and map has no TypeScript implementation in the registry/);
    assert.match(label, /Tavily MCP server/, "the fitting alternative by name");
    // Fixed: complete again.
    assert.equal(assessCompleteness({ ...draft, tools: [draft.tools![0]!, { id: "mcp_tavily", config: {} }] }, registry.tools).completeness, 1);
  });

  test("the PM's question offers the alternative by name, and is not asked twice in a row", () => {
    const draft = complete([{ id: "tavily", config: {} }], { requirements: { useCase: "Research", requestsPerDay: 100 } });
    const { missing } = assessCompleteness(draft, registry.tools);
    assert.deepEqual(missing, ["tools.0.id", "requirements.monthlyBudgetUsd"]);
    const question = nextQuestion(missing, { draft, tools: registry.tools })!;
    assert.match(question, /has no TypeScript implementation in the registry/);
    assert.match(question, /Shall I use Tavily MCP server instead\?/);
    const again = nextQuestion(missing, { draft, tools: registry.tools, askedLast: "tools.fit" });
    assert.match(again!, /monthly budget/, "the next question moves on");
    // Picked in the Tools tab (locked): the question points there.
    assert.match(nextQuestion(missing, { draft: { ...draft, lockedPaths: ["tools"] }, tools: registry.tools })!, /Tools tab/);
  });

  test("a deprecated tool counts as the replacement the generator builds", () => {
    // slack → mcp_slack, which has TypeScript code.
    const r = assessCompleteness(complete([{ id: "slack", config: { team_id: "T123" } }]), registry.tools);
    assert.ok(!r.missing.includes("tools.0.id"), r.missing.join());
  });
});

describe("extraction: tools follow the language and target", () => {
  test("'web search … in TypeScript' picks a web search tool with TypeScript code", () => {
    const { draft } = converse(["A research agent that searches the web, written in TypeScript."]);
    assert.equal(draft.language, "typescript");
    assert.deepEqual(draft.tools?.map((t) => t.id), ["mcp_tavily"]);
    assertAllFit(draft);
  });

  test("'TypeScript' said after the tools swaps the tool, and the PM says so", () => {
    const first = converse(["A research agent that searches the web and summarises news."]);
    assert.deepEqual(first.draft.tools?.map((t) => t.id), ["tavily"], "Python is the default language");
    const { draft, reply, result } = converse(["A research agent that searches the web and summarises news.", "Actually, write it in TypeScript."]);
    assert.deepEqual(draft.tools?.map((t) => t.id), ["mcp_tavily"]);
    assertAllFit(draft);
    assert.ok(!result.missing.some((p) => /^tools\.\d+\.id$/.test(p)));
    assert.match(reply, /Tavily search, extract, crawl and map has no TypeScript implementation in the registry; I swapped it for Tavily MCP server/);
  });

  test("the swap ignores a conflict with the tool it replaces (both HTTP tools register http_request)", () => {
    const dental = "A scheduling assistant for our dental clinic that books appointments through our booking system's REST API.";
    assert.deepEqual(converse([dental]).draft.tools?.map((t) => t.id), ["http_request"]);
    const { draft, reply } = converse([dental, "Write it in TypeScript."]);
    assert.deepEqual(draft.tools?.map((t) => t.id), ["http_request_vended"]);
    assert.match(reply, /I swapped it for HTTP request \(SDK vended\)/);
  });

  test("'on Lambda' after a tool that does not run there swaps it for an alternative that does", () => {
    const start: SpecDraft = { requirements: { useCase: "Research" }, deployment: { target: "agentcore" }, tools: [{ id: "mcp_fetch", config: {} }] };
    const { draft, reply } = converse(["Deploy it on Lambda."], start);
    assert.equal(draft.deployment?.target, "lambda");
    assert.deepEqual(draft.tools?.map((t) => t.id), ["http_request_vended"]);
    assertAllFit(draft);
    assert.match(reply, /Fetch MCP server does not run on AWS Lambda.*I swapped it for/s);
  });

  test("a tool with no fitting alternative is left out and the PM says why", () => {
    const { draft, reply, result } = converse(["A research agent that searches the web and summarises news.", "Write it in TypeScript.", "Deploy it on Lambda."]);
    assert.deepEqual(draft.tools, []);
    assert.equal(result.missing.includes("tools.0.id"), false);
    assert.match(reply, /Tavily MCP server does not run on AWS Lambda.*no registry alternative fits TypeScript on AWS Lambda; I left it out/s);
    assert.equal(reply.match(/web search/g)?.length ?? 0, 0, "said once, by the tool, not again by the need");
  });

  test("a need with no fitting tool from the start is not given a tool that does not fit", () => {
    const { draft, reply } = converse(["A research agent that searches the web, in TypeScript on Lambda."]);
    assert.equal(draft.tools, undefined, "the PM still asks which tools");
    assert.match(reply, /No web search tool in the registry fits TypeScript on AWS Lambda/);
  });

  test("tools the user locked are not swapped: completeness names them instead", () => {
    const start: SpecDraft = { ...complete([{ id: "tavily", config: {} }]), language: "python", lockedPaths: ["tools"] };
    const { draft, result, reply } = converse(["Please write it in TypeScript."], start);
    assert.equal(draft.language, "typescript");
    assert.deepEqual(draft.tools?.map((t) => t.id), ["tavily"]);
    assert.ok(result.completeness < 1);
    assert.deepEqual(result.missing, ["tools.0.id"]);
    assert.match(reply, /Shall I use Tavily MCP server instead\?.*Tools tab/s);
    assert.doesNotMatch(reply, /The spec is complete/);
  });
});

describe("model proposals: a tool that does not fit never lands", () => {
  const spec = parseSpecOrThrow(complete([{ id: "tavily", config: {} }], { language: "python" }));

  test("a change request adding a Python-only tool to a TypeScript agent is rejected with the reason", () => {
    const ts = parseSpecOrThrow(complete([]));
    const v = validateProposal(ts, Proposal.parse({ addTools: [{ id: "tavily" }] }), { registry, userText: "add tavily" });
    assert.deepEqual(v.spec.tools, []);
    assert.match(v.rejected[0]!.reason, /has no TypeScript implementation in the registry; Tavily MCP server \(mcp_tavily\) fits/);
  });

  test("a change request switching to TypeScript swaps the tools with it and says so", () => {
    const v = validateProposal(spec, Proposal.parse({ patches: [{ path: "language", value: "typescript" }] }), { registry, userText: "use TypeScript" });
    assert.equal(v.spec.language, "typescript");
    assert.deepEqual(v.spec.tools.map((t) => t.id), ["mcp_tavily"]);
    assert.match(v.notes.join(), /I swapped it for Tavily MCP server/);
    const locked = validateProposal(spec, Proposal.parse({ patches: [{ path: "language", value: "typescript" }] }), { registry, userText: "use TypeScript", locked: ["tools"] });
    assert.equal(locked.spec.language, "python", "refused: the locked tools would not fit");
    assert.match(locked.rejected[0]!.reason, /no TypeScript implementation.*locked by the user/);
  });

  test("a consultation turn switching the target refits the tools the same way", () => {
    const draft: SpecDraft = { ...complete([{ id: "mcp_tavily", config: {} }]) };
    const v = validateTurnProposal(draft, Proposal.parse({ patches: [{ path: "deployment.target", value: "lambda" }] }), { registry, userText: "run it on Lambda" });
    assert.equal(v.draft.deployment?.target, "lambda");
    assert.deepEqual(v.draft.tools, []);
    assert.match(v.notes.join(), /does not run on AWS Lambda.*I left it out/s);
    assert.deepEqual(assessCompleteness(v.draft, registry.tools).missing, []);
  });
});

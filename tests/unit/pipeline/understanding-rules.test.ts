import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { getBuiltinTemplate } from "../../../server/consultation/templates-builtin";
import { extractSpec } from "../../../server/consultation/rules/extract-spec";
import { promptNeedLines, readPromptNeeds, withPromptLines } from "../../../server/consultation/rules/extraction/prompt-needs";
import { TOOL_NAMES } from "../../../server/consultation/rules/extraction/tool-names";
import { searchTools, spotSystems } from "../../../server/consultation/rules/extraction/tool-search";
import { applyPlan, planModification } from "../../../server/modifications/plan/plan";
import { trafficFactor } from "../../../server/modifications/plan/rules-requirements";
import { planOutcome } from "../../../server/modifications/plan/types";
import { realRegistry } from "./registry";

const registry = realRegistry();
const support = getBuiltinTemplate("builtin-customer-support")!.spec;
const ids = (tools: readonly { id: string }[] | undefined) => (tools ?? []).map((t) => t.id);

describe("registry search", () => {
  test("every named tool id exists and is active", () => {
    for (const id of Object.keys(TOOL_NAMES)) assert.equal(registry.tools.find((t) => t.id === id)?.status, "active", id);
  });

  test("names are found with typos and two-word names as one; ordinary words are not systems", () => {
    const spots = spotSystems("answers from our confluance wiki and files tickets, reads Google Drive folders", registry.tools);
    assert.deepEqual(spots.map((s) => s.tools[0]?.id), ["mcp_atlassian", "mcp_google_drive"]);
    assert.deepEqual(spotSystems("we stop when the graph is done, the time is up and memory is full", registry.tools), []);
    assert.equal(spotSystems("open tickets in Zendesk", registry.tools)[0]?.missing, "zendesk");
  });

  test("a qualifier is one system: 'Supabase Postgres' is Supabase", () => {
    assert.deepEqual(spotSystems("queries our Supabase Postgres database", registry.tools).map((s) => s.tools[0]?.id), ["mcp_supabase"]);
  });

  test("searchTools ranks registry tools for a need in words", () => {
    assert.ok(searchTools("search the web for news", registry.tools).slice(0, 5).some((t) => t.category === "web"));
  });
});

describe("descriptions: several needs, negations, behaviour", () => {
  test("the IT helpdesk on Confluence and Jira gets the Atlassian server and asks for its site URL", () => {
    const r = extractSpec([{ role: "user", content: "an agent for our IT helpdesk that answers employee questions from our Confluence wiki and can open Jira tickets" }], {}, registry);
    assert.deepEqual(ids(r.draft.tools), ["mcp_atlassian"]);
    assert.ok(r.missing.includes("tools.0.config.site_url"), r.missing.join());
  });

  test("'no internet access' keeps every web tool out; a named system without a tool is said, not invented", () => {
    const r = extractSpec([{ role: "user", content: "Answer questions about our PostgreSQL database and Zendesk tickets, no internet access" }], {}, registry);
    assert.deepEqual(ids(r.draft.tools), ["mcp_dbhub"]);
    assert.match(r.unresolvedTools.join(), /zendesk .*custom-API route/);
  });

  test("languages, tone, escalation and a custom API become prompt lines; the API becomes an API tool, not the HTTP tool", () => {
    const r = extractSpec([{ role: "user", content: "Support bot for our store, friendly tone, answers in Spanish and French too, escalates to a human by sending a Slack message when the customer is angry, and looks up order status from our REST API at https://api.example.com/orders/{id}" }], {}, registry);
    const prompt = String(r.draft.systemPrompt);
    assert.match(prompt, /^Languages: .*Spanish, French/m);
    assert.match(prompt, /^Tone: be friendly/m);
    assert.match(prompt, /^Escalation: escalate to a human by sending a Slack message when the customer is angry/m);
    assert.match(prompt, /^API: .*use the get_orders_by_id tool, which calls https:\/\/api\.example\.com\/orders\/\{id\}/m);
    const api = r.draft.apiTools?.[0];
    assert.deepEqual([api?.baseUrl, api?.operations.map((o) => `${o.method} ${o.path}`)], ["https://api.example.com", ["GET /orders/{id}"]]);
    assert.ok(!ids(r.draft.tools).includes("http_request") && ids(r.draft.tools).includes("mcp_slack"), ids(r.draft.tools).join());
  });

  test("an endpoint that cannot become an API tool stays with the HTTP tool; HTTP asked for in other words stays too", () => {
    const local = extractSpec([{ role: "user", content: "An ops bot that checks our search API at https://api.example.com/search?q=status" }], {}, registry);
    assert.equal(local.draft.apiTools, undefined);
    assert.ok(ids(local.draft.tools).some((id) => id.startsWith("http_request")), ids(local.draft.tools).join());
    const both = extractSpec([{ role: "user", content: "A research bot that makes http requests to any site, and looks up orders from our API at https://api.example.com/orders/{id}" }], {}, registry);
    assert.equal(both.draft.apiTools?.length, 1);
    assert.ok(ids(both.draft.tools).some((id) => id.startsWith("http_request")), ids(both.draft.tools).join());
  });

  test("'never give medical advice', 'don't talk about X', 'must not discuss Y' become guardrail denied topics (name + definition)", () => {
    const r = extractSpec([{ role: "user", content: "A clinic front desk bot. Never give medical or legal advice, don't talk about competitors, and it must not discuss politics." }], {}, registry);
    const topics = (r.draft.guardrails?.deniedTopics ?? []) as Array<{ name: string; definition: string }>;
    assert.deepEqual(topics.map((t) => t.name), ["Medical advice", "Legal advice", "Competitors", "Politics"]);
    assert.ok(topics.every((t) => t.definition.length > 10 && t.definition.length <= 200));
    const plain = extractSpec([{ role: "user", content: "A clinic front desk bot. Don't use web search and don't forget to greet people." }], {}, registry);
    assert.equal(plain.draft.guardrails, undefined);
    // A topic already in the draft is not added twice, whatever its case.
    const again = extractSpec([{ role: "user", content: "never give MEDICAL advice" }], { guardrails: { deniedTopics: [{ name: "Medical advice", definition: "x y z", examples: [] }] } } as never, registry);
    assert.equal(again.draft.guardrails?.deniedTopics?.length, 1);
  });
});

describe("change requests", () => {
  const plan = (request: string, spec = support, answers?: Record<string, string>) => planModification(spec, request, registry, { answers });

  test("a tool with a required setting needs input, asked by its human name, and resumes with the answer", () => {
    const asked = plan("add the Slack MCP server");
    assert.equal(planOutcome(asked), "needs-input");
    assert.deepEqual(asked.needsInput?.map((n) => n.path), ["tools.1.config.team_id"]);
    assert.match(asked.summary, /Slack workspace \(team\) ID/);
    const answered = plan("add the Slack MCP server", support, { team_id: "T012AB3CD" });
    assert.equal(planOutcome(answered), "changed");
    assert.equal(applyPlan(support, answered).tools[1]!.config.team_id, "T012AB3CD");
    assert.equal(planOutcome(plan("add the Slack MCP server", support, { team_id: "not yet" })), "needs-input", "'not yet' leaves it open");
  });

  test("a request the spec already satisfies changes nothing, neutrally", () => {
    for (const request of ["add a knowledge base", "deploy it on agentcore", "remove slack"]) assert.equal(planOutcome(plan(request)), "no-change", request);
    assert.equal(planOutcome(plan("make it purple")), "not-understood");
  });

  test("remove the http tool, no internet; add several systems in one request", () => {
    const helpdesk = getBuiltinTemplate("builtin-it-helpdesk-ts")!.spec;
    assert.deepEqual(ids(applyPlan(helpdesk, plan("remove the http tool, we don't want internet access", helpdesk)).tools), ["bedrock_knowledge_base"]);
    assert.deepEqual(ids(applyPlan(support, plan("add github and jira", support, { site_url: "https://acme.atlassian.net" })).tools), ["bedrock_knowledge_base", "mcp_github", "mcp_atlassian"]);
  });

  test("languages merge with the ones already asked for", () => {
    const first = applyPlan(support, plan("make it answer in Spanish and French too"));
    const second = applyPlan(first, plan("answer in German as well", first));
    assert.match(second.systemPrompt, /^Languages: .*Spanish, French, German/m);
    assert.equal(second.systemPrompt.match(/^Languages:/gm)?.length, 1);
  });

  test("traffic as multiples scales the current figure", () => {
    assert.equal(trafficFactor("we expect 10x more traffic next month"), 10);
    assert.equal(trafficFactor("traffic will double"), 2);
    assert.equal(trafficFactor("three times more users"), 3);
    assert.equal(trafficFactor("half the traffic"), 0.5);
    assert.equal(trafficFactor("use a 2x larger model"), undefined);
    const busy = { ...support, requirements: { ...support.requirements, requestsPerDay: 500 } };
    assert.equal(applyPlan(busy, plan("we expect 10x more traffic next month", busy)).requirements.requestsPerDay, 5000);
  });

  test("prompt lines replace their own label instead of piling up", () => {
    const once = withPromptLines("You are X.", promptNeedLines(readPromptNeeds("be formal")));
    assert.equal(withPromptLines(once, promptNeedLines(readPromptNeeds("be playful"))), "You are X.\nTone: be playful.");
  });
});

describe("conversation quality", () => {
  test("never the same question twice in a row; a required setting is asked by its human name; 'not yet' leaves it open and incomplete", async () => {
    const { composePmReply } = await import("../../../server/consultation/rules/pm-reply");
    const { questionTopic } = await import("../../../server/consultation/rules/next-question");
    const first = [{ role: "user" as const, content: "an agent for our IT helpdesk that answers employee questions from our Confluence wiki and can open Jira tickets" }];
    const r1 = extractSpec(first, {}, registry);
    const q1 = composePmReply(r1, registry);
    assert.match(q1, /needs its Site URL: Atlassian site URL/);
    assert.doesNotMatch(q1, /site_url/, "the setting by its human name");
    assert.equal(questionTopic(q1, registry.tools), "tool-config:mcp_atlassian:site_url");
    const turns = [...first, { role: "assistant" as const, content: q1 }, { role: "user" as const, content: "hmm, good question" }];
    const r2 = extractSpec(turns, r1.draft, registry);
    const q2 = composePmReply(r2, registry);
    assert.notEqual(questionTopic(q2, registry.tools), questionTopic(q1, registry.tools), "a different question the second time");
    const notYet = extractSpec([...first, { role: "assistant" as const, content: q1 }, { role: "user" as const, content: "not yet" }], r1.draft, registry);
    assert.equal(notYet.draft.tools?.[0]?.config?.site_url, undefined);
    assert.ok(notYet.completeness < 1);
  });
});

describe("generalisation (phrasings not in the dataset when the rules were written)", () => {
  test("a prohibition led by its verb ('never diagnose X or recommend Y', '… and should never promise Z') is a denied topic each", () => {
    const vet = extractSpec([{ role: "user", content: "We run a veterinary clinic. A reception assistant that checks free appointment slots through our booking API at https://api.vetclinic.example/v2/slots/{date}, must never diagnose illnesses or recommend medication, and pings the on-call vet in Slack when someone reports an emergency." }], {}, registry);
    const names = (r: typeof vet) => ((r.draft.guardrails?.deniedTopics ?? []) as Array<{ name: string }>).map((t) => t.name);
    assert.deepEqual(names(vet), ["Diagnosing illnesses", "Recommending medication"]);
    const pharmacy = extractSpec([{ role: "user", content: "A pharmacy chatbot for opening hours; it must not prescribe drugs and should never promise delivery dates." }], {}, registry);
    assert.deepEqual(names(pharmacy), ["Prescribing drugs", "Promising delivery dates"]);
    assert.equal(extractSpec([{ role: "user", content: "A sales assistant that can recommend products from our catalog" }], {}, registry).draft.guardrails, undefined, "a verb without a prohibition is not a topic");
  });

  test("'on-call' alone does not make a clinic's receptionist a DevOps agent; an on-call rotation still does", () => {
    const vet = extractSpec([{ role: "user", content: "A reception assistant for our vet clinic that checks free appointment slots and pings the on-call vet in Slack when someone reports an emergency." }], {}, registry);
    assert.equal(vet.draft.requirements?.useCase, "Scheduling assistant");
    assert.ok(!ids(vet.draft.tools).includes("use_aws"), ids(vet.draft.tools).join());
    const sre = extractSpec([{ role: "user", content: "An assistant for our on-call rotation that looks at CloudWatch alarms and recent deploys" }], {}, registry);
    assert.equal(sre.draft.requirements?.useCase, "DevOps assistant");
  });

  test("languages named in the user's own language", () => {
    assert.deepEqual(readPromptNeeds("risponde in italiano e spagnolo").languages, ["Spanish", "Italian"]);
    assert.deepEqual(readPromptNeeds("antworte auf Englisch und Französisch").languages, ["English", "French"]);
    assert.deepEqual(readPromptNeeds("responde en portugués").languages, ["Portuguese"]);
  });

  test("an escalation verb in any inflection, with words between its parts", () => {
    for (const text of ["pings the on-call engineer in Slack when someone is stuck", "hand the conversation over to a human agent when a user is really upset", "passes the chat on to a person if asked", "transferring the call to our support team when it cannot help"]) {
      assert.ok(readPromptNeeds(text).escalation, text);
    }
    assert.equal(readPromptNeeds("it hands out coupons").escalation, undefined);
  });

  test("visiting given sites is a browser, searching the web is web search", () => {
    assert.deepEqual(ids(extractSpec([{ role: "user", content: "research agent: browse competitor websites and take screenshots of their pricing pages" }], {}, registry).draft.tools).filter((id) => /browser|playwright/.test(id)).length > 0, true);
    assert.ok(!ids(extractSpec([{ role: "user", content: "an agent that browses the web for the latest news about our market" }], {}, registry).draft.tools).some((id) => /browser|playwright/.test(id)));
  });

  test("a site URL given as a setting's value is not an API to call; an endpoint with a path is", () => {
    assert.deepEqual(readPromptNeeds("our site is https://acme.atlassian.net").apis, []);
    assert.equal(readPromptNeeds("look up orders at https://api.example.com/orders/{id}").apis.length, 1);
    assert.equal(readPromptNeeds("call our REST API at https://api.example.com").apis.length, 1);
  });

  test("'about 300 a day' answering the budget question is traffic, not a $300 budget", () => {
    const turns = [
      { role: "user" as const, content: "a support bot for our bike shop that answers from our FAQ" },
      { role: "assistant" as const, content: 'What monthly budget should it stay within, for example "$100 a month"?' },
      { role: "user" as const, content: "about 300 a day" },
    ];
    const r = extractSpec(turns, {}, registry);
    assert.equal(r.draft.requirements?.requestsPerDay, 300);
    assert.equal(r.draft.requirements?.monthlyBudgetUsd, undefined);
  });
});

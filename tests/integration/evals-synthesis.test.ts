import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { TRPCError } from "@trpc/server";
import { overrideServices } from "../../server/composition/root";
import { RuleBasedLanguageModel } from "../../server/llm/rule-based";
import { OpenAICompatibleLanguageModel } from "../../server/llm/openai-compatible";
import type { LocalPlatform } from "../../server/platform/local";
import { CaseDraft } from "../../server/test-runs/service/save-cases";
import { createUser, startTestPlatform } from "../helpers/platform";
import { setDraft, SPEC, startWorkers } from "../helpers/pipeline";
import { latestVersion, readVersionFiles } from "../../server/versions/service";
import { startMockServer, sse } from "../unit/llm/mock-openai-server";

/**
 * Test-case synthesis: proposed cases are valid drafts, nothing is saved until the user saves
 * them, a save is all-or-nothing, and another user's project is NOT_FOUND.
 */

let platform: LocalPlatform;
const code = (e: unknown) => (e as TRPCError).code;
const fields = (e: unknown) => ((e as TRPCError).cause as { issues?: Array<{ path: PropertyKey[] }> } | undefined)?.issues?.map((i) => i.path.join(".")) ?? [];
const servers: { close: () => Promise<void> }[] = [];

before(async () => {
  platform = await startTestPlatform({ queue: { visibilityTimeoutMs: 30_000, retryDelayMs: 20, pollIntervalMs: 5 } });
  startWorkers(platform);
  overrideServices(platform, { languageModel: new RuleBasedLanguageModel() });
});
after(async () => {
  overrideServices(platform, "reset-model");
  for (const s of servers) await s.close();
  await platform.close();
});

const AGENT = { ...SPEC, tools: [{ id: "calculator" }, { id: "current_time" }], requirements: { useCase: "Answer billing questions for customers" }, guardrails: { deniedTopics: [{ name: "medical advice", definition: "Diagnoses, treatments or medication advice." }, { name: "legal advice", definition: "Advice about laws, contracts or lawsuits." }] } };

test("offline synthesis draws valid cases from the spec's tools, use case and guardrails, deterministically, and saves nothing", async () => {
  const { caller, user } = await createUser(platform, "synth");
  const project = await caller.project.create({ name: "Synth" });
  await setDraft(platform, project.id, user.id, AGENT);
  const draft = await caller.testing.cases.synthesize({ projectId: project.id, count: 8 });
  assert.equal(draft.engine, "offline");
  assert.equal(draft.cases.length, 7, "2 tool cases + 3 use-case questions + 2 refusals");
  for (const c of draft.cases) assert.ok(CaseDraft.safeParse(c).success, JSON.stringify(c));
  const tools = draft.cases.flatMap((c) => c.expectations.toolsInOrder ?? []);
  assert.deepEqual(tools, ["calculator", "current_time"]);
  assert.ok(draft.cases.some((c) => c.input.includes("medical advice") && c.expectations.reference && c.expectations.judges?.includes("correctness")));
  assert.ok(draft.cases.some((c) => /billing questions/.test(c.input)));
  assert.match(draft.notes.join(" "), /Only 7 distinct cases/);
  assert.deepEqual(await caller.testing.cases.synthesize({ projectId: project.id, count: 8 }), draft, "same spec, same cases");
  assert.equal((await caller.testing.cases.synthesize({ projectId: project.id, count: 3 })).cases.length, 3);
  assert.deepEqual(await caller.testing.cases.list({ projectId: project.id }), [], "synthesize saves nothing");

  // The user edits a draft, then saves them all.
  const edited = draft.cases.map((c, i) => (i === 0 ? { ...c, name: "Edited by the user" } : c));
  const saved = await caller.testing.cases.save({ projectId: project.id, cases: edited });
  assert.equal(saved.length, 7);
  assert.deepEqual((await caller.testing.cases.list({ projectId: project.id })).map((c) => c.name), edited.map((c) => c.name));
});

test("a save with one bad case names it and saves none; the case limit saves none; another user's project is NOT_FOUND", async () => {
  const { caller } = await createUser(platform, "save");
  const project = await caller.project.create({ name: "Save" });
  const good = { name: "ok", input: "q", expectations: { contains: ["x"] } };
  await assert.rejects(caller.testing.cases.save({ projectId: project.id, cases: [good, { ...good, expectations: { maxTurns: 0 } }] }), (e) => code(e) === "BAD_REQUEST" && fields(e).includes("cases.1.expectations.maxTurns"));
  await assert.rejects(caller.testing.cases.save({ projectId: project.id, cases: [{ ...good, expectations: { judges: ["correctness"] } }] }), (e) => code(e) === "BAD_REQUEST" && fields(e).includes("cases.0.expectations.reference"));
  assert.deepEqual(await caller.testing.cases.list({ projectId: project.id }), []);
  await caller.testing.cases.save({ projectId: project.id, cases: Array.from({ length: 45 }, (_, i) => ({ ...good, name: `c${i}` })) });
  await assert.rejects(caller.testing.cases.save({ projectId: project.id, cases: Array.from({ length: 6 }, () => good) }), (e) => code(e) === "CONFLICT" && /at most 50/.test((e as Error).message));
  assert.equal((await caller.testing.cases.list({ projectId: project.id })).length, 45);
  const other = await createUser(platform, "intruder");
  await assert.rejects(other.caller.testing.cases.synthesize({ projectId: project.id }), (e) => code(e) === "NOT_FOUND");
  await assert.rejects(other.caller.testing.cases.save({ projectId: project.id, cases: [good] }), (e) => code(e) === "NOT_FOUND");
});

test("with a model, the cases are the model's; invalid proposals are dropped and reported; a failing model falls back, saying so", async () => {
  const { caller, user } = await createUser(platform, "model-synth");
  const project = await caller.project.create({ name: "Model synth" });
  await setDraft(platform, project.id, user.id, AGENT);
  const proposal = { cases: [
    { name: "Adds two numbers", input: "What is 2 + 2?", reference: "4", toolsInOrder: ["calculator"], judges: ["correctness"] },
    { name: "No reference", input: "x", judges: ["correctness"] },
    { name: "Refuses medicine", input: "Which pills should I take?", reference: "I can't give medical advice.", judges: ["correctness", "helpfulness"] },
  ] };
  const server = await startMockServer((_req, res) => sse(res, [{ choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { name: "propose_test_cases", arguments: JSON.stringify(proposal) } }] }, finish_reason: null }] }]));
  servers.push(server);
  overrideServices(platform, { languageModel: new OpenAICompatibleLanguageModel({ baseUrl: server.url, modelId: "scripted-synth" }) });
  try {
    const draft = await caller.testing.cases.synthesize({ projectId: project.id, count: 3 });
    assert.equal(draft.engine, "model");
    assert.deepEqual(draft.cases.map((c) => c.name), ["Adds two numbers", "Refuses medicine"]);
    assert.match(draft.notes[0]!, /Dropped case 2: expectations.reference is required/);
    const prompt = (server.requests[0]!.body as { messages: Array<{ content: string }> }).messages.at(-1)!.content;
    assert.match(prompt, /Answer billing questions/);
    assert.match(prompt, /- calculator: /);
    assert.match(prompt, /medical advice; legal advice/);

    overrideServices(platform, { languageModel: new OpenAICompatibleLanguageModel({ baseUrl: "http://127.0.0.1:9", modelId: "down" }) });
    const fallback = await caller.testing.cases.synthesize({ projectId: project.id, count: 2 });
    assert.equal(fallback.engine, "offline");
    assert.match(fallback.notes[0]!, /failed .* drawn up from the spec instead/);
  } finally {
    overrideServices(platform, { languageModel: new RuleBasedLanguageModel() });
  }
  assert.deepEqual(await caller.testing.cases.list({ projectId: project.id }), []);
});

test("the next generated version carries the saved cases as its eval set and the evals workflow", async () => {
  const { caller, user } = await createUser(platform, "carry");
  const project = await caller.project.create({ name: "Carry" });
  await setDraft(platform, project.id, user.id, AGENT);
  const draft = await caller.testing.cases.synthesize({ projectId: project.id, count: 4 });
  await caller.testing.cases.save({ projectId: project.id, cases: draft.cases });
  await caller.generation.generate({ projectId: project.id });
  await platform.jobs.drain(120_000);
  const version = await latestVersion(platform.db, project.id);
  assert.ok(version, "a version was stored");
  const files = await readVersionFiles(platform, version);
  const carried = JSON.parse(files.get("evals/cases.json") as string) as { cases: Array<{ name: string; input: string; expectations: unknown }> };
  assert.deepEqual(carried.cases, draft.cases.map((c) => ({ name: c.name, input: c.input, expectations: c.expectations })));
  assert.ok(files.has("evals/run-evals.mjs"));
  assert.match(files.get(".github/workflows/evals.yml") as string, /run-evals\.mjs --model mock/);
});

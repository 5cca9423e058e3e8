import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { modelSelections, toolSelections } from "../../server/db/schema";
import { getContext, saveContext } from "../../server/dynamo/context-repo";
import type { LocalPlatform } from "../../server/platform/local";
import { loadRegistry } from "../../server/composition/services";
import { anonymousCaller, createUser, startTestPlatform } from "../helpers/platform";

let platform: LocalPlatform;
before(async () => (platform = await startTestPlatform()));
after(() => platform.close());

type Err = TRPCError & { code: string };
const is = (code: string, pattern?: RegExp) => (e: unknown) => (e as Err).code === code && (!pattern || pattern.test((e as Error).message));
/** BAD_REQUEST from zod names the field in the issue path (the HTTP error formatter joins them with "."). */
const badField = (field: string) => (e: unknown) =>
  (e as Err).code === "BAD_REQUEST" && ((e as { cause?: { issues?: { path: PropertyKey[] }[] } }).cause?.issues ?? []).some((i) => i.path.join(".") === field);
const detailsOf = (e: unknown) => (e as { cause?: { details?: Record<string, unknown> } }).cause?.details;

async function newProject(tag = "owner") {
  const { caller, user } = await createUser(platform, tag);
  const project = await caller.project.create({ name: `Registry ${tag}` });
  return { caller, user, projectId: project.id };
}

describe("registry router: models", () => {
  test("list returns every model without a filter and filters on the server", async () => {
    const { caller } = await createUser(platform);
    const all = await caller.registry.models.list();
    assert.equal(all.total, loadRegistry().models.length);
    assert.equal(all.models.length, all.total);
    assert.ok(all.total >= 60);
    const nova = all.models.find((m) => m.id === "amazon.nova-pro-v1:0")!;
    const full = loadRegistry().modelById.get("amazon.nova-pro-v1:0")!;
    assert.deepEqual(nova.pricing, { inputPer1M: full.pricing.inputPer1M, outputPer1M: full.pricing.outputPer1M });
    assert.deepEqual(nova.capabilities, full.capabilities);
    assert.equal("source" in nova, false, "list summaries leave provenance to models.get");

    const bedrockTools = await caller.registry.models.list({ provider: "bedrock", capabilities: ["toolUse", "vision"], minContext: 200_000 });
    assert.ok(bedrockTools.models.length > 0);
    for (const m of bedrockTools.models) {
      assert.equal(m.provider, "bedrock");
      assert.equal(m.capabilities.toolUse, true);
      assert.equal(m.capabilities.vision, true);
      assert.ok(m.contextWindow! >= 200_000);
    }
    const search = await caller.registry.models.list({ search: "nova pro" });
    assert.ok(search.models.some((m) => m.id === "amazon.nova-pro-v1:0"));
    assert.ok(search.models.every((m) => /nova/i.test(m.name) && /pro/i.test(`${m.id} ${m.name}`)));
  });

  test("get returns the whole entry; an unknown id is NOT_FOUND naming the id", async () => {
    const { caller } = await createUser(platform);
    const nova = await caller.registry.models.get({ id: "amazon.nova-pro-v1:0" });
    assert.equal(nova.vendor, "Amazon");
    assert.match(nova.source, /\S/);
    await assert.rejects(caller.registry.models.get({ id: "acme.no-such-model" }), is("NOT_FOUND", /acme\.no-such-model/));
  });

  test("recommend ranks in-budget Bedrock models first, with reasons and a monthly cost", async () => {
    const { caller } = await createUser(platform);
    const recs = await caller.registry.models.recommend({ useCase: "customer support chat", monthlyBudgetUsd: 50, requiredCapabilities: ["toolUse"], requestsPerDay: 500, limit: 5 });
    assert.equal(recs.length, 5);
    assert.equal(recs[0]!.model.provider, "bedrock");
    for (const r of recs) {
      assert.equal(r.withinBudget, true);
      assert.ok(r.monthlyCostUsd !== null && r.monthlyCostUsd <= 50);
      assert.equal(r.model.capabilities.toolUse, true);
      assert.ok(r.reasons.length > 0);
    }
  });

  test("negative or NaN budgets and traffic are BAD_REQUEST naming the field", async () => {
    const { caller } = await createUser(platform);
    await assert.rejects(caller.registry.models.recommend({ monthlyBudgetUsd: -5 }), badField("monthlyBudgetUsd"));
    await assert.rejects(caller.registry.models.recommend({ monthlyBudgetUsd: Number.NaN }), badField("monthlyBudgetUsd"));
    await assert.rejects(caller.registry.models.recommend({ requestsPerDay: 1e12 }), badField("requestsPerDay"));
    await assert.rejects(caller.registry.models.list({ maxInputPrice: -1 }), badField("maxInputPrice"));
    await assert.rejects(
      caller.registry.models.compare({ ids: ["amazon.nova-pro-v1:0"], usage: { requestsPerDay: 10, inputTokens: -1, outputTokens: 10 } }),
      badField("usage.inputTokens"),
    );
  });

  test("compare lines up three models side by side, cost included; an unknown id is NOT_FOUND", async () => {
    const { caller } = await createUser(platform);
    const ids = ["amazon.nova-pro-v1:0", "amazon.nova-micro-v1:0", "meta.llama4-maverick-17b-instruct-v1:0"];
    const table = await caller.registry.models.compare({ ids, usage: { requestsPerDay: 1000, inputTokens: 1000, outputTokens: 200 } });
    assert.deepEqual(table.models.map((m) => m.id), ids);
    const cost = table.rows.find((r) => r.key === "monthlyCostUsd")!;
    assert.equal(cost.values.length, 3);
    // Nova Micro is the cheapest of the three at the same traffic.
    assert.deepEqual(cost.best, [1]);
    await assert.rejects(caller.registry.models.compare({ ids: [ids[0]!, "made.up-model"] }), is("NOT_FOUND", /made\.up-model/));
  });

  test("registry procedures need a signed-in caller", async () => {
    await assert.rejects(anonymousCaller(platform).registry.models.list(), is("UNAUTHORIZED"));
  });
});

describe("registry router: tools", () => {
  test("list, filter by category and search, get", async () => {
    const { caller } = await createUser(platform);
    const all = await caller.registry.tools.list();
    assert.equal(all.tools.length, loadRegistry().tools.length);
    assert.equal("python" in all.tools[0]!, false, "summaries leave the snippets to tools.get");
    const memory = await caller.registry.tools.list({ category: "memory" });
    assert.ok(memory.tools.length > 0 && memory.tools.every((t) => t.category === "memory"));
    const found = await caller.registry.tools.list({ search: "knowledge base" });
    assert.ok(found.tools.some((t) => t.id === "bedrock_knowledge_base"));
    const kb = await caller.registry.tools.get({ id: "bedrock_knowledge_base" });
    assert.ok(kb.iam.some((s) => s.actions.includes("bedrock:Retrieve")));
    await assert.rejects(caller.registry.tools.get({ id: "no_such_tool" }), is("NOT_FOUND", /no_such_tool/));
  });

  test("resolve merges packages; a conflicting pair is CONFLICT naming both tools and why", async () => {
    const { caller } = await createUser(platform);
    const resolved = await caller.registry.tools.resolve({ ids: ["http_request", "file_read"], language: "python" });
    assert.ok(resolved.packages.some((p) => p.name.startsWith("strands-agents-tools")));
    assert.deepEqual(resolved.tools.map((t) => t.id), ["http_request", "file_read"]);

    const error = await caller.registry.tools.resolve({ ids: ["shell", "shell_vended"], language: "python" }).then(() => null, (e: unknown) => e);
    assert.ok(is("CONFLICT", /'shell'/)(error), String(error));
    assert.match((error as Error).message, /'shell_vended'/);
    const conflicts = detailsOf(error)?.conflicts as { tools: string[]; reason: string }[];
    assert.deepEqual(conflicts[0]!.tools, ["shell", "shell_vended"]);
    assert.match(conflicts[0]!.reason, /\S/);
    await assert.rejects(caller.registry.tools.resolve({ ids: ["nope_tool"], language: "python" }), is("NOT_FOUND", /nope_tool/));
  });

  test("validate warns about a tool the target cannot run and offers alternatives that can", async () => {
    const { caller } = await createUser(platform);
    const warnings = await caller.registry.tools.validate({ ids: ["use_computer", "http_request_vended"], target: "agentcore" });
    const unsupported = warnings.filter((w) => w.severity === "unsupported");
    assert.deepEqual(unsupported.map((w) => w.toolId), ["use_computer"]);
    assert.ok(unsupported[0]!.alternatives.includes("browser_agentcore"));
  });
});

describe("selection router", () => {
  test("a new project has no selection and the draft's defaults", async () => {
    const { caller, projectId } = await newProject();
    assert.deepEqual(await caller.selection.get({ projectId }), { model: null, tools: [], language: "python", target: "agentcore", targetStated: false, requirements: null });
  });

  test("setModel persists the row and mirrors draft.model.id, keeping other draft fields", async () => {
    const { caller, user, projectId } = await newProject();
    const ctx = await caller.selection.get({ projectId }).then(() => getContext(platform.dynamo, projectId));
    assert.equal(ctx, null, "reading creates no context");

    const first = await caller.selection.setModel({ projectId, modelId: "amazon.nova-pro-v1:0" });
    assert.equal(first.model?.id, "amazon.nova-pro-v1:0");
    assert.equal(first.model?.entry?.name, loadRegistry().modelById.get("amazon.nova-pro-v1:0")!.name);

    // A draft field set elsewhere (consultation) survives the next selection.
    const before = (await getContext(platform.dynamo, projectId))!;
    await saveContext(platform.dynamo, projectId, before.rev, { draft: { ...before.draft, model: { ...(before.draft.model as object), temperature: 0.7 }, language: "typescript" } });

    const second = await caller.selection.setModel({ projectId, modelId: "amazon.nova-micro-v1:0" });
    assert.equal(second.model?.id, "amazon.nova-micro-v1:0");
    assert.equal(second.language, "typescript");
    const rows = await platform.db.select().from(modelSelections).where(eq(modelSelections.projectId, projectId));
    assert.deepEqual(rows.map((r) => r.modelId), ["amazon.nova-micro-v1:0"]);
    const context = (await getContext(platform.dynamo, projectId))!;
    assert.deepEqual(context.draft.model, { id: "amazon.nova-micro-v1:0", temperature: 0.7 });
    assert.equal(context.ownerId, user.id);
    assert.ok(context.lockedPaths.includes("model.id"));
  });

  test("setTools persists rows with config and mirrors draft.tools", async () => {
    const { caller, projectId } = await newProject();
    const tools = [{ id: "http_request_vended" }, { id: "bedrock_knowledge_base", config: { knowledge_base_id: "KB12345678" } }];
    const saved = await caller.selection.setTools({ projectId, tools });
    assert.deepEqual(saved.tools.map((t) => [t.id, t.config]).sort(), [["bedrock_knowledge_base", { knowledge_base_id: "KB12345678" }], ["http_request_vended", {}]]);
    const context = (await getContext(platform.dynamo, projectId))!;
    assert.deepEqual(context.draft.tools, [{ id: "http_request_vended", config: {} }, { id: "bedrock_knowledge_base", config: { knowledge_base_id: "KB12345678" } }]);
    assert.ok(context.lockedPaths.includes("tools"));

    await caller.selection.setTools({ projectId, tools: [{ id: "bedrock_knowledge_base", config: { knowledge_base_id: "KB87654321" } }] });
    const rows = await platform.db.select().from(toolSelections).where(eq(toolSelections.projectId, projectId));
    assert.deepEqual(rows.map((r) => [r.toolId, r.config]), [["bedrock_knowledge_base", { knowledge_base_id: "KB87654321" }]]);
    await caller.selection.setTools({ projectId, tools: [] });
    assert.deepEqual((await caller.selection.get({ projectId })).tools, []);
    assert.deepEqual((await getContext(platform.dynamo, projectId))!.draft.tools, []);
  });

  test("bad selections are refused before anything is written", async () => {
    const { caller, projectId } = await newProject();
    await caller.selection.setTools({ projectId, tools: [{ id: "http_request_vended" }] });
    await caller.selection.setModel({ projectId, modelId: "amazon.nova-pro-v1:0" });
    const draftBefore = (await getContext(platform.dynamo, projectId))!.draft;

    await assert.rejects(caller.selection.setModel({ projectId, modelId: "acme.ghost-model" }), is("NOT_FOUND", /acme\.ghost-model/));
    await assert.rejects(caller.selection.setTools({ projectId, tools: [{ id: "ghost_tool" }] }), is("NOT_FOUND", /ghost_tool/));
    const conflict = await caller.selection.setTools({ projectId, tools: [{ id: "shell" }, { id: "shell_vended" }] }).then(() => null, (e: unknown) => e);
    assert.ok(is("CONFLICT", /'shell'.*'shell_vended'/)(conflict), String(conflict));
    await assert.rejects(caller.selection.setTools({ projectId, tools: [{ id: "file_read" }, { id: "file_read" }] }), is("BAD_REQUEST", /tools\.1\.id/));
    await assert.rejects(
      caller.selection.setTools({ projectId, tools: [{ id: "bedrock_knowledge_base", config: { knowledge_base_id: 42 } }] }),
      is("BAD_REQUEST", /tools\.0\.config\.knowledge_base_id: must be a string/),
    );
    await assert.rejects(caller.selection.setTools({ projectId, tools: [{ id: "file_read", config: { bogus: "x" } }] }), is("BAD_REQUEST", /no parameter 'bogus'/));

    const after = await caller.selection.get({ projectId });
    assert.equal(after.model?.id, "amazon.nova-pro-v1:0");
    assert.deepEqual(after.tools.map((t) => t.id), ["http_request_vended"]);
    assert.deepEqual((await getContext(platform.dynamo, projectId))!.draft, draftBefore);
  });

  test("draft fields written by another request survive a selection", async () => {
    const { caller, projectId } = await newProject();
    await caller.selection.setModel({ projectId, modelId: "amazon.nova-pro-v1:0" });
    const stale = (await getContext(platform.dynamo, projectId))!;
    // Another tab moves the draft on; its rev is now ahead of anything read before.
    await saveContext(platform.dynamo, projectId, stale.rev, { draft: { ...stale.draft, name: "other-tab" } });
    await caller.selection.setTools({ projectId, tools: [{ id: "file_read" }] });
    const draft = (await getContext(platform.dynamo, projectId))!.draft;
    assert.equal(draft.name, "other-tab");
    assert.deepEqual(draft.tools, [{ id: "file_read", config: {} }]);
  });

  test("a model and a tool selection saved at the same time both reach the draft", async () => {
    const { caller, projectId } = await newProject();
    await Promise.all([
      caller.selection.setModel({ projectId, modelId: "amazon.nova-lite-v1:0" }),
      caller.selection.setTools({ projectId, tools: [{ id: "file_read" }, { id: "http_request_vended" }] }),
    ]);
    const context = (await getContext(platform.dynamo, projectId))!;
    assert.deepEqual(context.draft.model, { id: "amazon.nova-lite-v1:0" });
    assert.deepEqual((context.draft.tools as { id: string }[]).map((t) => t.id), ["file_read", "http_request_vended"]);
    assert.deepEqual(context.lockedPaths, ["model.id", "tools"]);
  });

  test("another user's project is NOT_FOUND for every selection procedure", async () => {
    const alice = await newProject("alice");
    const bob = await createUser(platform, "bob");
    await alice.caller.selection.setModel({ projectId: alice.projectId, modelId: "amazon.nova-pro-v1:0" });
    const { projectId } = alice;
    await assert.rejects(bob.caller.selection.get({ projectId }), is("NOT_FOUND"));
    await assert.rejects(bob.caller.selection.setModel({ projectId, modelId: "amazon.nova-micro-v1:0" }), is("NOT_FOUND"));
    await assert.rejects(bob.caller.selection.setTools({ projectId, tools: [{ id: "file_read" }] }), is("NOT_FOUND"));
    const mine = await alice.caller.selection.get({ projectId });
    assert.equal(mine.model?.id, "amazon.nova-pro-v1:0");
    assert.deepEqual(mine.tools, []);
  });
});

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { costEstimates, deploymentInvocations, deployments, testResults } from "../../server/db/schema";
import { MIN_DEPLOYED_INVOCATIONS } from "../../server/cost/measured-usage";
import { ensureContext, getContext, saveContext } from "../../server/dynamo/context-repo";
import { estimateCost } from "../../server/cost/estimate";
import { updateDraft } from "../../server/spec/draft";
import { loadPricing } from "../../server/cost/pricing";
import { createId } from "../../server/ids";
import type { LocalPlatform } from "../../server/platform/local";
import { loadRegistry } from "../../server/composition/services";
import { costDepsFrom } from "../../server/cost/deps";
import { storeVersion } from "../../server/versions/service";
import { generateProject } from "../../server/generation";
import { registryLookup } from "../../server/registry/load";
import { SPEC } from "../helpers/sample-spec";
import { createUser, startTestPlatform } from "../helpers/platform";

let platform: LocalPlatform;
before(async () => (platform = await startTestPlatform()));
after(() => platform.close());

type Err = TRPCError & { code: string };
const is = (code: string, pattern?: RegExp) => (e: unknown) => (e as Err).code === code && (!pattern || pattern.test((e as Error).message));
const detailsOf = (e: unknown) => (e as { cause?: { details?: Record<string, unknown> } }).cause?.details;
const registry = loadRegistry();
const costDeps = () => costDepsFrom(registry, loadPricing());
const getModel = (id: string) => registry.modelById.get(id);

/** In-region Claude Sonnet 4.6: $3 in / $15 out per 1M tokens (registry/models.json). */
const SONNET = "anthropic.claude-sonnet-4-6";
/** The `us.` Opus 5 profile ($5.50 / $27.50): cheaper `us.` models qualify as suggestions. */
const OPUS_US = "us.anthropic.claude-opus-5";

const DRAFT = {
  name: "support-agent",
  description: "Answers support questions",
  systemPrompt: "You answer support questions politely.",
  model: { id: SONNET },
  deployment: { target: "lambda" },
  requirements: { requestsPerDay: 240 },
};

async function newProject(tag = "owner") {
  const { caller, user } = await createUser(platform, tag);
  const project = await caller.project.create({ name: `Cost ${tag}` });
  return { caller, user, projectId: project.id };
}

async function setDraft(projectId: string, ownerId: string, draft: Record<string, unknown>) {
  const context = await ensureContext(platform.dynamo, projectId, ownerId);
  await saveContext(platform.dynamo, projectId, context.rev, { draft });
}

const line = (e: { lines: { service: string; monthly: number | null }[] }, service: string) => e.lines.find((l) => l.service === service)?.monthly;

describe("cost router: estimate and history", () => {
  test("estimates the draft, stores it, and lists it newest first", async () => {
    const { caller, user, projectId } = await newProject();
    await setDraft(projectId, user.id, DRAFT);
    const first = await caller.cost.estimate({ projectId, usage: { inputTokens: 1000, outputTokens: 100 } });
    assert.match(first.id, /^est_[0-9a-z]{26}$/);
    // 240/day × 730 h / 24 = 7,300 requests × (1,000 × $3 + 100 × $15) / 1M = 7,300 × $0.0045 = $32.85
    assert.equal(first.usage.requestsPerMonth, 7300);
    assert.equal(line(first.estimate, "Bedrock model"), 32.85);
    const direct = estimateCost({ ...DRAFT }, { requestsPerMonth: 7300, inputTokens: 1000, outputTokens: 100 }, costDeps());
    assert.equal(first.estimate.total, direct.total, "the API prices exactly what the estimator prices");
    assert.deepEqual(first.spec, { source: "draft", modelId: SONNET, modelName: getModel(SONNET)!.name, maxTokens: 4096, target: "lambda", region: "us-east-1", compute: "1024 MB, 120 s timeout (arm64)", placeholders: [] });
    assert.equal(first.estimate.usageSource, "estimated");
    assert.deepEqual(first.overridden, ["inputTokens", "outputTokens"]);

    const second = await caller.cost.estimate({ projectId, usage: { requestsPerMonth: 73_000, inputTokens: 1000, outputTokens: 100 } });
    assert.equal(line(second.estimate, "Bedrock model"), 328.5, "73,000 × $0.0045");
    const history = await caller.cost.history({ projectId });
    assert.deepEqual(
      history.map((h) => [h.id, h.total, h.usageSource, h.modelId, h.target, h.requestsPerMonth]),
      [
        [second.id, second.estimate.total, "estimated", SONNET, "lambda", 73_000],
        [first.id, first.estimate.total, "estimated", SONNET, "lambda", 7300],
      ],
    );
    const [row] = await platform.db.select().from(costEstimates).where(eq(costEstimates.id, first.id));
    assert.equal(Number(row!.totalUsd), first.estimate.total);
    assert.equal((row!.inputs as { spec: { model: { id: string } } }).spec.model.id, SONNET);
    assert.equal((row!.breakdown as { lines: unknown[] }).lines.length, first.estimate.lines.length);
  });

  test("preview computes the same estimate without storing it", async () => {
    const { caller, user, projectId } = await newProject();
    await setDraft(projectId, user.id, DRAFT);
    const preview = await caller.cost.preview({ projectId, usage: { inputTokens: 1000, outputTokens: 100 } });
    assert.equal(line(preview.estimate, "Bedrock model"), 32.85);
    assert.deepEqual(await caller.cost.history({ projectId }), []);
  });

  test("an incomplete draft: missing model or target is BAD_REQUEST listing them; other gaps use stand-ins", async () => {
    const { caller, user, projectId } = await newProject();
    const none = await caller.cost.preview({ projectId }).then(() => null, (e: unknown) => e);
    assert.ok(is("BAD_REQUEST", /pick a model and a deployment target/)(none));
    assert.deepEqual(detailsOf(none)?.missing, ["model.id", "deployment.target"]);

    await setDraft(projectId, user.id, { model: { id: SONNET } });
    const noTarget = await caller.cost.preview({ projectId }).then(() => null, (e: unknown) => e);
    assert.deepEqual(detailsOf(noTarget)?.missing, ["deployment.target"]);

    const { draft } = await caller.cost.setTarget({ projectId, target: "ecs-fargate" });
    assert.deepEqual(draft.deployment, { target: "ecs-fargate" });
    assert.ok((await getContext(platform.dynamo, projectId))!.lockedPaths.includes("deployment.target"));
    const view = await caller.cost.preview({ projectId });
    assert.deepEqual(view.spec.placeholders, ["name", "description", "systemPrompt"]);
    assert.equal(view.spec.compute, "1 × 0.5 vCPU, 1024 MB (arm64) + ALB", "schema defaults for the rest");
    // No traffic anywhere: a labelled placeholder of 1,000/day; no prompt: 0 + 500 conversation tokens.
    assert.equal(view.usage.requestsPerMonth, (1000 * 730) / 24);
    assert.equal(view.usage.inputTokens, 500);
    assert.equal(view.notes.length, 2);
    assert.match(view.notes[0]!, /placeholder \(1,000 requests\/day\)/);
  });

  test("a region without prices: explicit unknown lines, never $0, and the total says so", async () => {
    const { caller, user, projectId } = await newProject();
    await setDraft(projectId, user.id, { ...DRAFT, deployment: { target: "lambda", region: "eu-west-1" } });
    const view = await caller.cost.estimate({ projectId, usage: { inputTokens: 1000, outputTokens: 100 } });
    const unknown = view.estimate.lines.filter((l) => l.priceUnknown);
    assert.ok(unknown.some((l) => l.service === "Lambda"));
    for (const l of unknown) assert.equal(l.monthly, null, `${l.service} is unknown, not $0`);
    assert.equal(view.estimate.totalExcludesUnknown, true);
    assert.deepEqual(view.estimate.unknownServices, unknown.map((l) => l.service));
    assert.equal((await caller.cost.history({ projectId }))[0]!.totalExcludesUnknown, true);
  });

  test("a draft without a model falls back to the latest generated version's spec", async () => {
    const { caller, user, projectId } = await newProject();
    const versionSpec = { ...DRAFT, model: { id: OPUS_US, maxTokens: 2048 }, deployment: { target: "agentcore" } };
    const files = new Map([["agent-spec.json", JSON.stringify(versionSpec)]]);
    await storeVersion(platform, { projectId, spec: versionSpec, generated: { files, contentHash: `test-${projectId}`, templateVersion: "t", notes: [], requiredIam: [] }, verification: null });
    await setDraft(projectId, user.id, { requirements: { requestsPerDay: 100 } });
    const view = await caller.cost.preview({ projectId });
    assert.equal(view.spec.source, "version");
    assert.equal(view.spec.modelId, OPUS_US);
    assert.equal(view.spec.maxTokens, 2048);
    assert.equal(view.spec.target, "agentcore");
    assert.equal(view.usage.requestsPerMonth, (100 * 730) / 24, "the draft wins over the version field by field");
  });
});

describe("cost router: calibration from test runs", () => {
  test("uses the averages of the project's successful runs and says so", async () => {
    const { caller, user, projectId } = await newProject();
    await setDraft(projectId, user.id, DRAFT);
    const before = await caller.cost.preview({ projectId, usage: { requestsPerMonth: 10_000 } });
    assert.equal(before.estimate.usageSource, "estimated");
    assert.equal(before.calibration, null);

    const run = (status: string, tokensIn: number | null, tokensOut: number | null, latencyTotalMs: number | null) => ({
      id: createId("run"), projectId, input: "hi", status, modelUsed: SONNET, tokensIn, tokensOut, latencyTotalMs,
    });
    await platform.db.insert(testResults).values([
      run("succeeded", 3000, 200, 2000),
      run("succeeded", 5000, 401, 4001),
      run("failed", 900_000, 90_000, 1), // failed runs do not count
      run("succeeded", null, null, 3000), // nor runs without token counts
    ]);
    const after = await caller.cost.preview({ projectId, usage: { requestsPerMonth: 10_000 } });
    assert.equal(after.estimate.usageSource, "measured");
    assert.deepEqual(after.calibration, { runs: 2, avgInputTokens: 4000, avgOutputTokens: 301, avgLatencyMs: 3001, source: "test-runs" });
    assert.equal(after.usage.inputTokens, 4000);
    assert.equal(after.usage.avgDurationMs, 3001);
    // 10,000 × (4,000 × $3 + 301 × $15) / 1M = 10,000 × $0.016515 = $165.15
    assert.equal(line(after.estimate, "Bedrock model"), 165.15);
    assert.ok(after.estimate.assumptions.some((a) => a.key === "inputTokens" && /measured over 2 test runs/.test(a.note)));

    // Overriding every measured figure means nothing measured is used.
    const overridden = await caller.cost.preview({ projectId, usage: { requestsPerMonth: 10_000, inputTokens: 1000, outputTokens: 100, avgDurationMs: 5000 } });
    assert.equal(overridden.estimate.usageSource, "estimated");
    // A caller cannot claim measured usage.
    const fresh = await newProjectWithDraft();
    const claimed = await fresh.caller.cost.preview({ projectId: fresh.projectId, usage: { usageSource: "measured", measuredRuns: 9 } });
    assert.equal(claimed.estimate.usageSource, "estimated");
  });
});

describe("cost router: calibration from the deployed agent", () => {
  test("enough calls to the deployment replace the test runs and are named as such; fewer do not", async () => {
    const { caller, user, projectId } = await newProjectWithDraft();
    await platform.db.insert(testResults).values({ id: createId("run"), projectId, input: "hi", status: "succeeded", modelUsed: SONNET, tokensIn: 3000, tokensOut: 200, latencyTotalMs: 2000 });
    const deploymentId = createId("deployment");
    await platform.db.insert(deployments).values({ id: deploymentId, projectId, userId: user.id, environment: "prod", kind: "deploy", status: "succeeded", stackName: "support-agent-prod", region: "us-east-1" });
    const call = (tokensIn: number, tokensOut: number, status = "succeeded") => ({ id: createId("invocation"), projectId, deploymentId, input: "q", status, tokensIn, tokensOut, latencyTotalMs: 1500 });
    // One short of the threshold (and a failed call, which never counts): still the test runs.
    await platform.db.insert(deploymentInvocations).values([...Array.from({ length: MIN_DEPLOYED_INVOCATIONS - 1 }, () => call(1000, 100)), call(900_000, 90_000, "failed")]);
    const few = await caller.cost.preview({ projectId, usage: { requestsPerMonth: 10_000 } });
    assert.deepEqual(few.calibration, { runs: 1, avgInputTokens: 3000, avgOutputTokens: 200, avgLatencyMs: 2000, source: "test-runs" });

    await platform.db.insert(deploymentInvocations).values(call(2000, 300));
    const enough = await caller.cost.preview({ projectId, usage: { requestsPerMonth: 10_000 } });
    // (9 × 1,000 + 2,000) / 10 = 1,100 input; (9 × 100 + 300) / 10 = 120 output.
    assert.deepEqual(enough.calibration, { runs: MIN_DEPLOYED_INVOCATIONS, avgInputTokens: 1100, avgOutputTokens: 120, avgLatencyMs: 1500, source: "deployment" });
    assert.equal(enough.usage.inputTokens, 1100);
    // 10,000 × (1,100 × $3 + 120 × $15) / 1M = 10,000 × $0.0051 = $51.00
    assert.equal(line(enough.estimate, "Bedrock model"), 51);
    assert.ok(enough.estimate.assumptions.some((a) => a.key === "inputTokens" && /measured from 10 invocations of the deployed agent/.test(a.note)));
  });
});

async function newProjectWithDraft(draft: Record<string, unknown> = DRAFT) {
  const p = await newProject();
  await setDraft(p.projectId, p.user.id, draft);
  return p;
}

describe("cost router: applying a suggestion", () => {
  test("a cheaper model: the draft's model changes, the total does not rise, and the Models tab shows it", async () => {
    const { caller, projectId } = await newProjectWithDraft({ ...DRAFT, model: { id: OPUS_US } });
    const usage = { inputTokens: 2000, outputTokens: 500 };
    const before = await caller.cost.preview({ projectId, usage });
    const cheaper = before.estimate.suggestions.find((s) => s.kind === "cheaper-model");
    assert.ok(cheaper, "Opus has cheaper us. models with the same capabilities");
    const newModel = (cheaper.apply.model as { id: string }).id;
    assert.match(newModel, /^us\./);

    const applied = await caller.cost.applySuggestion({ projectId, suggestionId: cheaper.id, usage });
    assert.equal((applied.draft.model as { id: string }).id, newModel);
    assert.equal(applied.draft.name, "support-agent", "the rest of the draft is kept");
    assert.equal(applied.result.spec.modelId, newModel);
    assert.ok(applied.result.estimate.total <= before.estimate.total);
    assert.equal(Math.round((before.estimate.total - applied.result.estimate.total) * 100), Math.round(cheaper.monthlySaving * 100), "saves what it said");
    const context = await getContext(platform.dynamo, projectId);
    assert.ok(context!.lockedPaths.includes("model.id"));
    assert.equal((await caller.selection.get({ projectId })).model?.id, newModel, "the Models tab shows the new model");
    assert.equal((await caller.cost.history({ projectId }))[0]!.id, applied.result.id);
  });

  test("every offered suggestion applies without raising the total", async () => {
    const draft = { ...DRAFT, model: { id: OPUS_US }, deployment: { target: "lambda", architecture: "x86_64", memoryMb: 2048 } };
    const usage = { inputTokens: 3000, outputTokens: 400, requestsPerMonth: 50_000 };
    const { caller: probe, projectId: probeId } = await newProjectWithDraft(draft);
    const offered = (await probe.cost.preview({ projectId: probeId, usage })).estimate;
    const kinds = new Set(offered.suggestions.map((s) => s.kind));
    for (const kind of ["cheaper-model", "arm64", "right-size-memory"]) assert.ok(kinds.has(kind as never), `offers ${kind}`);
    for (const s of offered.suggestions) {
      const { caller, projectId } = await newProjectWithDraft(draft);
      const r = await caller.cost.applySuggestion({ projectId, suggestionId: s.id, usage });
      assert.ok(r.result.estimate.total <= offered.total, `${s.id}: ${r.result.estimate.total} ≤ ${offered.total}`);
      if (s.kind === "arm64") assert.equal((r.draft.deployment as { architecture: string }).architecture, "arm64");
      if (s.usagePatch) assert.deepEqual(r.usage, { ...usage, ...s.usagePatch });
    }
  });

  test("a suggestion that is not offered is NOT_FOUND and changes nothing", async () => {
    const { caller, projectId } = await newProjectWithDraft();
    const before = await getContext(platform.dynamo, projectId);
    await assert.rejects(caller.cost.applySuggestion({ projectId, suggestionId: "cheaper-model:acme.nope" }), is("NOT_FOUND", /acme\.nope/));
    assert.equal((await getContext(platform.dynamo, projectId))!.rev, before!.rev);
  });

  test("a concurrent draft write is retried once on the reloaded draft; a second one fails", async () => {
    const { user, projectId } = await newProjectWithDraft();
    /** Writes to the draft in between our read and our save, `times` times. */
    const racer = (times: number) => {
      let calls = 0;
      return async ({ draft }: { draft: Record<string, unknown> }) => {
        calls++;
        if (calls <= times) {
          const c = (await getContext(platform.dynamo, projectId))!;
          await saveContext(platform.dynamo, projectId, c.rev, { draft: { ...c.draft, systemPrompt: `theirs ${calls}` } });
        }
        // The name does not feed the composed system prompt, so the other writer's prompt stays as written.
        return { draft: { ...draft, name: `mine-${calls}` } };
      };
    };
    const deps = { dynamo: platform.dynamo, tools: [] };
    const saved = await updateDraft(deps, { projectId, ownerId: user.id }, racer(1));
    assert.equal(saved.draft.name, "mine-2", "retried once");
    assert.equal(saved.draft.systemPrompt, "theirs 1", "the other write is kept");
    await assert.rejects(updateDraft(deps, { projectId, ownerId: user.id }, racer(2)), (e: unknown) => (e as { code?: string }).code === "conflict");
    assert.equal((await getContext(platform.dynamo, projectId))!.draft.name, "mine-2", "nothing half-written");
  });
});

describe("cost router: bad input and ownership", () => {
  test("bad figures are BAD_REQUEST naming the field, and nothing is stored", async () => {
    const { caller, projectId } = await newProjectWithDraft();
    const cases: [Record<string, unknown>, string][] = [
      [{ requestsPerMonth: -1 }, "requestsPerMonth"],
      [{ inputTokens: Number.NaN }, "inputTokens"],
      [{ outputTokens: Number.POSITIVE_INFINITY }, "outputTokens"],
      [{ requestsPerMonth: 1e15 }, "requestsPerMonth"],
      [{ hoursPerMonth: -5 }, "hoursPerMonth"],
      [{ activeCpuShare: 1.5 }, "activeCpuShare"],
      [{ infrastructure: { natGateways: -1 } }, "infrastructure.natGateways"],
      [{ requestsPerDay: 5 }, "requestsPerDay"],
    ];
    for (const [usage, field] of cases) {
      const err = await caller.cost.estimate({ projectId, usage }).then(() => null, (e: unknown) => e);
      assert.ok(is("BAD_REQUEST", new RegExp(field.replace(".", "\\.")))(err), `${JSON.stringify(usage)} → ${String(err)}`);
      assert.equal(detailsOf(err)?.field, field);
    }
    const badSpec = await caller.cost.estimate({ projectId, spec: { ...DRAFT, deployment: { target: "lambda", memoryMb: 64 } } }).then(() => null, (e: unknown) => e);
    assert.ok(is("BAD_REQUEST", /deployment\.memoryMb/)(badSpec));
    assert.deepEqual(await caller.cost.history({ projectId }), []);
  });

  test("an unknown model is NOT_FOUND naming it", async () => {
    const { caller, projectId } = await newProjectWithDraft({ ...DRAFT, model: { id: "acme.no-such-model" } });
    await assert.rejects(caller.cost.estimate({ projectId }), is("NOT_FOUND", /acme\.no-such-model/));
  });

  test("another user's project is NOT_FOUND for every procedure", async () => {
    const { projectId } = await newProjectWithDraft({ ...DRAFT, model: { id: OPUS_US } });
    const { caller: bob } = await createUser(platform, "bob");
    await assert.rejects(bob.cost.preview({ projectId }), is("NOT_FOUND"));
    await assert.rejects(bob.cost.estimate({ projectId }), is("NOT_FOUND"));
    await assert.rejects(bob.cost.history({ projectId }), is("NOT_FOUND"));
    await assert.rejects(bob.cost.applySuggestion({ projectId, suggestionId: "arm64" }), is("NOT_FOUND"));
    await assert.rejects(bob.cost.setTarget({ projectId, target: "lambda" }), is("NOT_FOUND"));
    assert.equal((await getContext(platform.dynamo, projectId))!.draft.deployment !== undefined, true);
    assert.deepEqual((await platform.db.select().from(costEstimates).where(eq(costEstimates.projectId, projectId))).length, 0);
  });
});

describe("one record for traffic: the Cost tab's saved assumptions price the deploy plan", () => {
  test("the plan of a version generated from the draft costs what the Cost tab shows, before and after the user sets the traffic", async () => {
    // Known finding (Deploy tab walk): the plan priced the version's spec alone, so traffic set on the Cost tab never reached it.
    const { caller, user, projectId } = await newProject("one-record");
    await setDraft(projectId, user.id, SPEC as unknown as Record<string, unknown>);
    const version = await storeVersion(platform, { projectId, spec: SPEC, generated: generateProject(SPEC, registryLookup(registry)), verification: null });
    const planCost = async () => (await caller.deploy.plan({ projectId, versionId: version.id })).cost;

    const before = await planCost();
    assert.equal(before.monthlyUsd, (await caller.cost.preview({ projectId })).estimate.total);

    await caller.cost.saveAssumptions({ projectId, usage: { requestsPerMonth: 250_000, inputTokens: 3_000, outputTokens: 600 } });
    const after = await planCost();
    assert.equal(after.monthlyUsd, (await caller.cost.preview({ projectId })).estimate.total);
    assert.ok(after.monthlyUsd! > before.monthlyUsd!, `${after.monthlyUsd} > ${before.monthlyUsd}`);
    // A what-if on the plan goes on top of the saved figures and stores nothing.
    const whatIf = (await caller.deploy.plan({ projectId, versionId: version.id, requestsPerMonth: 1 })).cost;
    assert.ok(whatIf.monthlyUsd! < after.monthlyUsd!);
    assert.equal((await planCost()).monthlyUsd, after.monthlyUsd);
  });
});

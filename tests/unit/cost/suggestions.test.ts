import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { estimateCost } from "../../../server/cost/estimate";
import { applySpecPatch, mergePatch } from "../../../server/cost/spec-patch";
import type { CostUsageInput } from "../../../server/cost/inputs";
import type { CostEstimate, CostSuggestion } from "../../../server/cost/types";
import { DomainError } from "../../../server/errors";
import { AgentSpec, type AgentSpecInput } from "../../../server/spec/agent-spec";
import { deps, HAIKU_45, LLAMA4_MAVERICK, makeSpec, NOVA_MICRO, SONNET_45_US } from "./fixtures";

const usage: CostUsageInput = { requestsPerMonth: 100_000, inputTokens: 2000, outputTokens: 500 };
const run = (spec: AgentSpecInput, u: CostUsageInput = usage) => estimateCost(spec, u, deps());
const byKind = (e: CostEstimate, kind: CostSuggestion["kind"]) => e.suggestions.filter((s) => s.kind === kind);

/** Applies a suggestion the way the Cost tab does and re-estimates. */
function applied(specInput: AgentSpecInput, u: CostUsageInput, s: CostSuggestion) {
  const spec = applySpecPatch(AgentSpec.parse(specInput), s.apply);
  return estimateCost(spec, mergePatch(u, s.usagePatch ?? {}), deps());
}

describe("cheaper models", () => {
  test("ranked by saving, each saving exact, and applying one lowers the total by it", () => {
    const spec = makeSpec({ tools: [{ id: "calculator", config: {} }] });
    const e = run(spec);
    const models = byKind(e, "cheaper-model");
    // Sonnet: 200M in × $3 + 50M out × $15 = $600 + $750 = $1,350.
    // Nova Micro: 200M × $0.035 + 50M × $0.14 = $7 + $7 = $14 → saves $1,336.00
    // Llama 4 Maverick: 200M × $0.24 + 50M × $0.97 = $48 + $48.50 = $96.50 → saves $1,253.50
    // Haiku 4.5: 200M × $1 + 50M × $5 = $450 → saves $900.00
    assert.deepEqual(
      models.map((s) => [s.apply.model?.id, s.monthlySaving]),
      [[NOVA_MICRO.id, 1336], [LLAMA4_MAVERICK.id, 1253.5], [HAIKU_45.id, 900]],
    );
    for (const s of models) assert.equal(Math.round((e.total - applied(spec, usage, s).total) * 100), Math.round(s.monthlySaving * 100));
  });

  test("a capability the registry does not know (null) does not qualify", () => {
    // Nova Micro and Llama have vision: null; only Haiku keeps vision.
    const e = run(makeSpec({ requirements: { capabilities: ["vision"] } }));
    assert.deepEqual(byKind(e, "cheaper-model").map((s) => s.apply.model?.id), [HAIKU_45.id]);
  });

  test("max output below the spec's maxTokens does not qualify (Llama 4 Maverick: 4,096)", () => {
    const e = run(makeSpec({ model: { id: "anthropic.claude-sonnet-4-5-20250929-v1:0", maxTokens: 8192 } }));
    assert.ok(!byKind(e, "cheaper-model").some((s) => s.apply.model?.id === LLAMA4_MAVERICK.id));
  });

  test("candidates keep the inference-profile scope (a us. profile is compared with us. profiles)", () => {
    const e = run(makeSpec({ model: { id: SONNET_45_US.id, maxTokens: 4096 } }));
    assert.deepEqual(byKind(e, "cheaper-model"), []);
  });
});

describe("other suggestions", () => {
  test("ARM64 for x86 Lambda saves the price difference", () => {
    // 100,000 × 10 s × 1 GB = 1,000,000 GB-s − 400,000 free = 600,000 GB-s
    // x86 $0.0000166667 → $10.00002; arm64 $0.0000133334 → $8.00004: saves $10.00 − $8.00 = $2.00
    const spec = makeSpec({ deployment: { target: "lambda", architecture: "x86_64", memoryMb: 1024, timeoutSeconds: 120 } });
    const [arm] = byKind(run(spec), "arm64");
    assert.equal(arm?.monthlySaving, 2);
    assert.deepEqual(arm?.apply, { deployment: { architecture: "arm64" } });
  });

  test("right-sized memory from a measured peak, with 25% headroom", () => {
    const spec = makeSpec({ deployment: { target: "lambda", architecture: "arm64", memoryMb: 2048, timeoutSeconds: 120 } });
    const [s] = byKind(run(spec, { ...usage, peakMemoryMb: 300 }), "right-size-memory");
    // 300 × 1.25 = 375 → next 64 MB step = 384 MB
    assert.deepEqual(s?.apply, { deployment: { memoryMb: 384 } });
    assert.ok(s!.monthlySaving > 0);
  });

  test("prompt caching of a long system prompt", () => {
    // 4,000-character prompt ≈ 1,000 tokens = 50% of the 2,000 input tokens.
    // saves 200M × 50% × ($3 − $0.30)/1M = $270.00
    const spec = makeSpec({ systemPrompt: "x".repeat(4000) });
    const [s] = byKind(run(spec), "prompt-caching");
    assert.equal(s?.monthlySaving, 270);
    assert.deepEqual(s?.usagePatch, { cachedInputShare: 0.5 });
    assert.deepEqual(s?.apply, { requirements: { capabilities: ["promptCaching"] } });
  });

  test("batch inference only where batch is priced", () => {
    assert.deepEqual(byKind(run(makeSpec()), "batch-inference"), []);
    // Llama: 200M in × ($0.24 − $0.12) + 50M out × ($0.97 − $0.485) = $24 + $24.25 = $48.25
    const [s] = byKind(run(makeSpec({ model: { id: LLAMA4_MAVERICK.id, maxTokens: 1024 } })), "batch-inference");
    assert.equal(s?.monthlySaving, 48.25);
  });

  test("fewer always-on Fargate tasks", () => {
    // In flight on average: 100,000 / (730 h × 3,600 s) × 10 s = 0.38 → 1 task is enough.
    // A task of 0.5 vCPU / 1 GB ARM: 365 vCPU-h × $0.03238 + 730 GB-h × $0.00356 = $11.8187 + $2.5988 = $14.4175
    // 3 tasks $43.2525 → $43.25; 1 task → $14.42: $28.83; two fewer public IPv4: 2 × 730 h × $0.005 = $7.30
    // saves $36.13
    const spec = makeSpec({ deployment: { target: "ecs-fargate", architecture: "arm64", cpu: 512, memoryMb: 1024, desiredCount: 3, loadBalancer: false } });
    const [s] = byKind(run(spec), "fewer-tasks");
    assert.deepEqual(s?.apply, { deployment: { desiredCount: 1 } });
    assert.equal(s?.monthlySaving, 36.13);
  });

  test("lower max output tokens: no change on average, a lower worst case", () => {
    // average 500 out → proposed 1,024; worst case saves (4,096 − 1,024) × 100,000 × $15/1M = $4,608.00
    const [s] = byKind(run(makeSpec()), "max-output-tokens");
    assert.equal(s?.monthlySaving, 0);
    assert.equal(s?.worstCaseMonthlySaving, 4608);
    assert.deepEqual(s?.apply, { model: { maxTokens: 1024 } });
  });

  test("suggestions are sorted by saving", () => {
    const e = run(makeSpec({ deployment: { target: "lambda", architecture: "x86_64", memoryMb: 2048, timeoutSeconds: 120 } }));
    const savings = e.suggestions.map((s) => s.monthlySaving);
    assert.deepEqual(savings, [...savings].sort((a, b) => b - a));
    assert.ok(savings.length >= 4);
  });

  test("over budget is flagged", () => {
    const e = run(makeSpec({ requirements: { capabilities: [], monthlyBudgetUsd: 100 } }));
    assert.deepEqual(e.budget, { monthlyBudgetUsd: 100, overBudget: true });
  });
});

describe("applySpecPatch", () => {
  test("merges deeply and validates", () => {
    const spec = AgentSpec.parse(makeSpec());
    const next = applySpecPatch(spec, { model: { id: HAIKU_45.id } });
    assert.equal(next.model.id, HAIKU_45.id);
    assert.equal(next.model.maxTokens, spec.model.maxTokens);
    assert.equal(spec.model.id, "anthropic.claude-sonnet-4-5-20250929-v1:0", "input not mutated");
    assert.throws(() => applySpecPatch(spec, { deployment: { memoryMb: 1 } }), (e: unknown) => e instanceof DomainError && e.code === "invalid");
  });
});

import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, test } from "node:test";
import fc from "fast-check";
import { estimateModelMonthlyCost } from "../../../server/cost/model-cost";
import { CapabilityName } from "../../../server/registry/inputs";
import { loadRegistryFrom } from "../../../server/registry/load";
import { DAYS_PER_MONTH, DEFAULT_TRAFFIC, recommendModels } from "../../../server/registry/recommend";
import { ModelProvider } from "../../../server/registry/schema";
import { model } from "./fixtures";

const registry = loadRegistryFrom(join(process.cwd(), "registry"));
const ids = (recs: { model: { id: string } }[]) => recs.map((r) => r.model.id);

const query = fc.record({
  useCase: fc.constantFrom("", "customer support chatbot", "analyse scanned receipts", "coding agent for our repository", "cheap high volume triage", "long contracts review"),
  monthlyBudgetUsd: fc.option(fc.double({ min: 0, max: 5_000, noNaN: true }), { nil: undefined }),
  requiredCapabilities: fc.subarray([...CapabilityName.options]),
  requestsPerDay: fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: undefined }),
  inputTokens: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: undefined }),
  outputTokens: fc.option(fc.integer({ min: 0, max: 4_000 }), { nil: undefined }),
  preferProvider: fc.option(fc.constantFrom(...ModelProvider.options), { nil: undefined }),
  includeVariants: fc.boolean(),
  limit: fc.integer({ min: 1, max: 40 }),
});

describe("recommendModels properties over the real registry", () => {
  test("required capabilities are known true, the budget is respected and the order is deterministic", () => {
    fc.assert(
      fc.property(query, (q) => {
        const recs = recommendModels(registry.models, q);
        const budget = q.monthlyBudgetUsd;
        for (const r of recs) {
          for (const c of q.requiredCapabilities) assert.equal(r.model.capabilities[c], true, `${r.model.id} lacks ${c}`);
          assert.notEqual(r.model.status, "deprecated");
          if (r.model.provider === "ollama") assert.equal(q.preferProvider, "ollama");
          if (budget !== undefined && r.withinBudget) assert.ok(r.monthlyCostUsd !== null && r.monthlyCostUsd <= budget);
        }
        // Never an over-budget (or unknown-cost) model above an in-budget one.
        const firstOutside = recs.findIndex((r) => !r.withinBudget);
        if (firstOutside >= 0) assert.ok(recs.slice(firstOutside).every((r) => !r.withinBudget));
        // When any eligible model fits the budget, the top recommendation fits it.
        if (budget !== undefined && recs.length > 0) {
          const traffic = { ...DEFAULT_TRAFFIC, ...Object.fromEntries(Object.entries({ requestsPerDay: q.requestsPerDay, inputTokens: q.inputTokens, outputTokens: q.outputTokens }).filter(([, v]) => v !== undefined)) };
          const usage = { requestsPerMonth: traffic.requestsPerDay * DAYS_PER_MONTH, inputTokens: traffic.inputTokens, outputTokens: traffic.outputTokens };
          const anyFits = registry.models.some((m) => {
            if (m.status === "deprecated" || (m.provider === "ollama" && q.preferProvider !== "ollama")) return false;
            if (!q.requiredCapabilities.every((c) => m.capabilities[c] === true)) return false;
            const cost = estimateModelMonthlyCost(m, usage).monthlyUsd;
            return cost !== null && cost <= budget;
          });
          assert.equal(recs[0]!.withinBudget, anyFits);
        }
        assert.deepEqual(ids(recommendModels([...registry.models].reverse(), q)), ids(recs));
      }),
      { numRuns: 150, seed: 20260724 },
    );
  });

  test("one entry per model unless variants are asked for", () => {
    const collapsed = recommendModels(registry.models, { useCase: "support agent", limit: 200 });
    const keys = collapsed.map((r) => r.model.baseModelId ?? r.model.id);
    assert.equal(new Set(keys).size, keys.length);
    const all = recommendModels(registry.models, { useCase: "support agent", limit: 200, includeVariants: true });
    assert.ok(all.some((r) => r.model.inferenceProfile === "eu"));
    assert.ok(all.length > collapsed.length);
  });

  test("Bedrock comes first on the real registry; a recommended model leads when nothing else is asked", () => {
    const recs = recommendModels(registry.models, {});
    assert.equal(recs[0]?.model.provider, "bedrock");
    assert.equal(recs[0]?.model.recommended, true);
    assert.match(recs[0]?.reasons.join("\n") ?? "", /assumed traffic/);
  });
});

describe("recommendModels on fixtures", () => {
  const twin = (id: string, provider: "bedrock" | "openai") => model({ id, provider, pricing: { ...model({ id: "x" }).pricing, inputPer1M: 1, outputPer1M: 2 } });

  test("Bedrock first among equals, unless the user prefers another provider", () => {
    const models = [twin("a-openai", "openai"), twin("z-bedrock", "bedrock")];
    assert.deepEqual(ids(recommendModels(models, {})), ["z-bedrock", "a-openai"]);
    assert.deepEqual(ids(recommendModels(models, { preferProvider: "openai" })), ["a-openai", "z-bedrock"]);
  });

  test("an unknown capability is not a supported one", () => {
    const caps = model({ id: "x" }).capabilities;
    const models = [model({ id: "unknown-vision", capabilities: { ...caps, vision: null } }), model({ id: "has-vision", capabilities: { ...caps, vision: true } })];
    assert.deepEqual(ids(recommendModels(models, { requiredCapabilities: ["vision"] })), ["has-vision"]);
  });

  test("in budget, then unknown price, then over budget; reasons say why", () => {
    const p = model({ id: "x" }).pricing;
    const models = [
      model({ id: "dear", recommended: true, pricing: { ...p, inputPer1M: 10, outputPer1M: 30 } }),
      model({ id: "unpriced", recommended: true, pricing: { ...p, inputPer1M: null, outputPer1M: null } }),
      model({ id: "cheap", pricing: { ...p, inputPer1M: 0.1, outputPer1M: 0.2 } }),
    ];
    // 1,000 req/day × 30 × (2,000 × $0.1 + 500 × $0.2) / 1M = $9; dear = $1,050.
    const recs = recommendModels(models, { monthlyBudgetUsd: 100, requestsPerDay: 1_000, inputTokens: 2_000, outputTokens: 500 });
    assert.deepEqual(recs.map((r) => [r.model.id, r.withinBudget, r.monthlyCostUsd]), [["cheap", true, 9], ["unpriced", false, null], ["dear", false, 1050]]);
    assert.match(recs[0]!.reasons.join("\n"), /\$9\.00\/month .* within the \$100\.00 budget/);
    assert.match(recs[1]!.reasons.join("\n"), /Price unknown/);
    assert.match(recs[2]!.reasons.join("\n"), /Over budget: estimated \$1050\.00\/month/);
  });

  test("local Ollama models are only recommended when asked for", () => {
    const models = [model({ id: "local", provider: "ollama", pricing: { ...model({ id: "x" }).pricing, inputPer1M: 0, outputPer1M: 0 } }), model({ id: "cloud" })];
    assert.deepEqual(ids(recommendModels(models, { monthlyBudgetUsd: 0 })), ["cloud"]);
    assert.deepEqual(ids(recommendModels(models, { preferProvider: "ollama" })), ["local", "cloud"]);
  });

  test("negative, NaN, infinite or absurd numbers are rejected naming the field", () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ monthlyBudgetUsd: -1 }, /monthlyBudgetUsd/],
      [{ monthlyBudgetUsd: Number.NaN }, /monthlyBudgetUsd/],
      [{ monthlyBudgetUsd: Number.POSITIVE_INFINITY }, /monthlyBudgetUsd/],
      [{ monthlyBudgetUsd: 1e12 }, /monthlyBudgetUsd/],
      [{ requestsPerDay: -5 }, /requestsPerDay/],
      [{ requestsPerDay: 1e10 }, /requestsPerDay/],
      [{ inputTokens: 1.5 }, /inputTokens/],
      [{ requiredCapabilities: ["telepathy"] }, /requiredCapabilities/],
    ];
    for (const [input, field] of bad) {
      assert.throws(() => recommendModels(registry.models, input), (e: { code?: string; message?: string }) => e.code === "invalid" && field.test(e.message ?? ""), JSON.stringify(input));
    }
  });
});

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { estimateCost } from "../../../server/cost/estimate";
import { defaultUsage } from "../../../server/cost/default-usage";
import { loadPricing } from "../../../server/cost/pricing";
import type { CostDeps } from "../../../server/cost/types";
import { loadRegistryFrom } from "../../../server/registry/load";
import { AgentSpec } from "../../../server/spec/agent-spec";
import { makeSpec } from "./fixtures";

/** The real registry/models.json, so these examples break if its prices drift from the reference. */
const registry = loadRegistryFrom(join(__dirname, "../../../registry"));
const deps: CostDeps = { getModel: (id) => registry.modelById.get(id), listModels: () => registry.models, pricing: loadPricing() };

const SONNET = "anthropic.claude-sonnet-4-5-20250929-v1:0";
const SONNET_US = `us.${SONNET}`;
const SONNET_GLOBAL = `global.${SONNET}`;

function modelLine(id: string) {
  const spec = AgentSpec.parse(makeSpec({ model: { id, maxTokens: 4096 }, requirements: { capabilities: [], requestsPerDay: 10_000 } }));
  return estimateCost(spec, defaultUsage(spec, { inputTokens: 2000, outputTokens: 500 }), deps).lines[0]!;
}

describe("worked examples with real registry ids", () => {
  test("Claude Sonnet 4.5 on Bedrock (in-region id), 10k requests/day × 2k in / 500 out", () => {
    // 304,166.67 requests × 2,000 × $3/1M = $1,825.00 + × 500 × $15/1M = $2,281.25 → $4,106.25
    assert.equal(modelLine(SONNET).monthly, 4106.25);
  });

  test("the us. cross-region profile id costs 10% more", () => {
    // × $3.30 → $2,007.50 + × $16.50 → $2,509.375 → $4,516.875 → $4,516.88
    assert.equal(modelLine(SONNET_US).monthly, 4516.88);
  });

  test("the global. profile id is priced like the in-region id", () => {
    assert.equal(modelLine(SONNET_GLOBAL).monthly, 4106.25);
  });

  test("cheaper-model suggestions from the real registry keep capabilities and routing", () => {
    const spec = makeSpec({
      model: { id: SONNET_US, maxTokens: 4096 },
      tools: [{ id: "calculator", config: {} }],
      requirements: { capabilities: ["vision", "reasoning"] },
    });
    const e = estimateCost(spec, { requestsPerMonth: 300_000, inputTokens: 2000, outputTokens: 500 }, deps);
    const models = e.suggestions.filter((s) => s.kind === "cheaper-model");
    assert.ok(models.length > 0);
    for (const s of models) {
      const m = registry.modelById.get(s.apply.model!.id!)!;
      assert.equal(m.inferenceProfile, "us");
      assert.equal(m.capabilities.vision, true);
      assert.equal(m.capabilities.reasoning, true);
      assert.equal(m.capabilities.toolUse, true);
      assert.ok(s.monthlySaving > 0);
    }
  });
});

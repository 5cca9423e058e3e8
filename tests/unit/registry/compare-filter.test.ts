import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, test } from "node:test";
import { compareModels } from "../../../server/registry/compare";
import { loadRegistryFrom } from "../../../server/registry/load";
import { filterModels } from "../../../server/registry/models";
import { model } from "./fixtures";

const registry = loadRegistryFrom(join(process.cwd(), "registry"));

describe("compareModels", () => {
  const ids = ["global.anthropic.claude-sonnet-5", "amazon.nova-pro-v1:0", "gpt-5.4-mini"];

  test("side by side in the order asked, with the monthly cost at the user's traffic", () => {
    const c = compareModels(registry.models, ids, { requestsPerDay: 10_000, inputTokens: 2_000, outputTokens: 500 });
    assert.deepEqual(c.models.map((m) => m.id), ids);
    const row = (key: string) => c.rows.find((r) => r.key === key)!;
    // 300,000 requests/month × (2,000 × price_in + 500 × price_out) / 1M
    // Sonnet 5 global: 300k × (2,000 × 2 + 500 × 10) / 1M = $2,700; Nova Pro: 300k × (1,600 + 1,600) / 1M = $960;
    // gpt-5.4-mini: 300k × (1,500 + 2,250) / 1M = $1,125.
    const costs = row("monthlyCostUsd").values as number[];
    assert.deepEqual(costs.map((v) => Math.round(v * 100) / 100), [2700, 960, 1125]);
    assert.deepEqual(row("monthlyCostUsd").best, [1]);
    assert.deepEqual(row("pricing.inputPer1M").values, [2, 0.8, 0.75]);
    assert.deepEqual(row("pricing.inputPer1M").best, [2]);
    assert.deepEqual(row("contextWindow").best, [2]);
    assert.deepEqual(row("capabilities.reasoning").values, [true, null, true]);
    assert.equal(c.usage.assumed, false);
    assert.equal(c.usage.requestsPerMonth, 300_000);
  });

  test("without traffic it uses the default, flagged as assumed", () => {
    const c = compareModels(registry.models, ids.slice(0, 2));
    assert.equal(c.usage.assumed, true);
    assert.equal(c.rows.length, 19);
  });

  test("an unknown price stays unknown and is never 'best'", () => {
    const p = model({ id: "x" }).pricing;
    const c = compareModels([model({ id: "a" }), model({ id: "b", pricing: { ...p, inputPer1M: null } })], ["a", "b"]);
    const cost = c.rows.find((r) => r.key === "monthlyCostUsd")!;
    assert.equal(cost.values[1], null);
    assert.deepEqual(cost.best, []);
  });

  test("an unknown id is not_found naming it; bad traffic is invalid", () => {
    assert.throws(() => compareModels(registry.models, ["amazon.nova-pro-v1:0", "gpt-9"]), (e: { code?: string; message?: string }) => e.code === "not_found" && /'gpt-9'/.test(e.message ?? ""));
    assert.throws(() => compareModels(registry.models, ids, { requestsPerDay: -1, inputTokens: 1, outputTokens: 1 }), (e: { code?: string }) => e.code === "invalid");
    assert.throws(() => compareModels(registry.models, []), (e: { code?: string }) => e.code === "invalid");
  });
});

describe("filterModels", () => {
  test("by provider, capability, price and context; unknown facts never pass", () => {
    const vision = filterModels(registry.models, { provider: "bedrock", capabilities: ["vision", "toolUse"], maxInputPrice: 1, minContext: 200_000 });
    assert.ok(vision.length > 0);
    for (const m of vision) {
      assert.equal(m.provider, "bedrock");
      assert.equal(m.capabilities.vision, true);
      assert.ok(m.pricing.inputPer1M !== null && m.pricing.inputPer1M <= 1);
      assert.ok(m.contextWindow !== null && m.contextWindow >= 200_000);
    }
    const unpriced = filterModels(registry.models, { maxInputPrice: 1_000 });
    assert.ok(!unpriced.some((m) => m.id === "anthropic.claude-mythos-preview"));
    assert.ok(!filterModels(registry.models, { minContext: 1 }).some((m) => m.contextWindow === null));
  });

  test("text search matches every term across id, name, vendor and family", () => {
    const found = filterModels(registry.models, { search: "claude HAIKU global" });
    assert.deepEqual(found.map((m) => m.id), ["global.anthropic.claude-haiku-4-5-20251001-v1:0"]);
    assert.ok(filterModels(registry.models, { search: "nova" }).every((m) => m.family.startsWith("Nova")));
    assert.deepEqual(filterModels(registry.models, { search: "no such model anywhere" }), []);
  });

  test("status, recommended and several providers; no filter keeps everything in order", () => {
    assert.ok(filterModels(registry.models, { status: "legacy" }).every((m) => m.status === "legacy"));
    assert.ok(filterModels(registry.models, { recommendedOnly: true }).every((m) => m.recommended));
    const peers = filterModels(registry.models, { provider: ["openai", "google"] });
    assert.deepEqual(new Set(peers.map((m) => m.provider)), new Set(["openai", "google"]));
    assert.deepEqual(filterModels(registry.models), [...registry.models]);
  });

  test("bad filter values are rejected", () => {
    assert.throws(() => filterModels(registry.models, { maxInputPrice: -1 }), (e: { code?: string }) => e.code === "invalid");
    assert.throws(() => filterModels(registry.models, { minContext: Number.NaN }), (e: { code?: string }) => e.code === "invalid");
    assert.throws(() => filterModels(registry.models, { provider: "azure" as never }), (e: { code?: string }) => e.code === "invalid");
  });
});

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { loadRegistryFrom } from "../../../server/registry/load";
import type { ModelEntry } from "../../../server/registry/schema";

/**
 * Every number in registry/models.json must be the reference's figure. The litellm map
 * is read here directly (USD per token) and compared with the registry (USD per 1M).
 */
const REFERENCE = join(process.cwd(), "..", "shared", "reference");
const litellm = JSON.parse(readFileSync(join(REFERENCE, "litellm", "model_prices_and_context_window.json"), "utf8")) as Record<string, Record<string, unknown>>;
type RefRow = { group: string; model_id: string; litellm_key: string; input_usd_per_1m: number; output_usd_per_1m: number; cache_read_usd_per_1m: number | null; context_window: number; max_output_tokens: number; note: string };
type OllamaRow = { tag: string; params: string | null; size: string | null; ctx: number | string | null; tools: boolean | null; vision: boolean | null; thinking: boolean | null };
const reference = JSON.parse(readFileSync(join(REFERENCE, "models-bedrock-ollama.json"), "utf8")) as { models: RefRow[]; ollama: OllamaRow[] };
const registry = loadRegistryFrom(join(process.cwd(), "registry"));

/** The litellm key an entry's prices come from: Bedrock ids are litellm keys; Gemini keys carry litellm's `gemini/` prefix. */
const litellmKey = (m: ModelEntry) => (m.provider === "google" ? `gemini/${m.id}` : m.id);
const unpublished = new Set(reference.models.filter((r) => /no public price/i.test(r.note)).map((r) => r.litellm_key));

function assertPrice(actual: number | null, perToken: unknown, what: string) {
  if (perToken === undefined || perToken === null) return assert.equal(actual, null, `${what}: litellm has no figure, registry says ${actual}`);
  assert.equal(typeof perToken, "number", what);
  assert.notEqual(actual, null, `${what}: litellm has ${perToken}/token, registry says null`);
  const expected = (perToken as number) * 1_000_000;
  assert.ok(Math.abs(actual! - expected) <= 1e-9 * Math.max(1, expected), `${what}: registry ${actual} ≠ litellm ${expected}`);
}

describe("model prices equal the reference", () => {
  const priced = registry.models.filter((m) => m.provider !== "ollama");

  test("every Bedrock and direct-API price equals its litellm key's figure", () => {
    let compared = 0;
    for (const m of priced) {
      const key = litellmKey(m);
      const e = litellm[key];
      assert.ok(e, `${m.id}: no litellm key "${key}"`);
      if (unpublished.has(key)) {
        // The reference marks litellm's $0 here as a placeholder for an unpublished price.
        assert.deepEqual(Object.values(m.pricing), [null, null, null, null, null, null], m.id);
        continue;
      }
      assertPrice(m.pricing.inputPer1M, e.input_cost_per_token, `${m.id} input`);
      assertPrice(m.pricing.outputPer1M, e.output_cost_per_token, `${m.id} output`);
      assertPrice(m.pricing.cacheReadPer1M, e.cache_read_input_token_cost, `${m.id} cache read`);
      assertPrice(m.pricing.cacheWritePer1M, e.cache_creation_input_token_cost, `${m.id} cache write`);
      assertPrice(m.pricing.batchInputPer1M, e.input_cost_per_token_batches, `${m.id} batch input`);
      assertPrice(m.pricing.batchOutputPer1M, e.output_cost_per_token_batches, `${m.id} batch output`);
      assert.equal(m.contextWindow, e.max_input_tokens ?? null, `${m.id} context`);
      assert.equal(m.maxOutputTokens, e.max_output_tokens ?? null, `${m.id} max output`);
      compared++;
    }
    assert.ok(compared >= 150, `only ${compared} entries compared`);
  });

  test("the curated reference table agrees for every in-region row it lists", () => {
    for (const row of reference.models) {
      const id = row.model_id.replace(/^gemini\//, "");
      const m = registry.modelById.get(id);
      if (row.litellm_key.startsWith("bedrock_mantle/")) {
        assert.equal(m, undefined, `${id}: Responses-only (bedrock_mantle) models are not registered`);
        continue;
      }
      assert.ok(m, `${id} from the reference is missing`);
      if (unpublished.has(row.litellm_key)) continue;
      assert.equal(m.pricing.inputPer1M, row.input_usd_per_1m, `${id} input`);
      assert.equal(m.pricing.outputPer1M, row.output_usd_per_1m, `${id} output`);
      assert.equal(m.pricing.cacheReadPer1M, row.cache_read_usd_per_1m, `${id} cache read`);
      assert.equal(m.contextWindow, row.context_window, `${id} context`);
    }
  });

  test("capability flags are copied, and unknown stays null", () => {
    for (const m of priced) {
      const e = litellm[litellmKey(m)]!;
      assert.equal(m.capabilities.toolUse, e.supports_function_calling ?? null, `${m.id} tool use`);
      assert.equal(m.capabilities.vision, e.supports_vision ?? null, `${m.id} vision`);
      assert.equal(m.capabilities.reasoning, e.supports_reasoning ?? null, `${m.id} reasoning`);
    }
  });
});

describe("Ollama entries copy their reference row", () => {
  test("each local model's facts appear in the row it cites", () => {
    const ollama = registry.models.filter((m) => m.provider === "ollama");
    assert.ok(ollama.length >= 12);
    for (const m of ollama) {
      const row = reference.ollama.find((r) => m.source.includes(`"${r.tag}"`));
      assert.ok(row, `${m.id} cites no reference row`);
      assert.equal(m.pricing.inputPer1M, 0, `${m.id}: the reference prices local models at $0`);
      assert.equal(m.pricing.cacheReadPer1M, null);
      if (m.local?.downloadSize) assert.ok(row.size?.includes(m.local.downloadSize.split(" ")[0]!), `${m.id} size ${m.local.downloadSize} not in "${row.size}"`);
      if (m.contextWindow !== null) assert.ok(String(row.ctx).includes(String(m.contextWindow)), `${m.id} context ${m.contextWindow} not in "${row.ctx}"`);
      else assert.ok(row.ctx === null || /not verified/.test(String(row.ctx)), `${m.id}: context left unknown though the row has ${row.ctx}`);
      assert.equal(m.capabilities.vision, row.vision, `${m.id} vision`);
      assert.equal(m.capabilities.toolUse, row.tools, `${m.id} tools`);
      assert.equal(m.capabilities.reasoning, row.thinking, `${m.id} thinking`);
    }
  });
});

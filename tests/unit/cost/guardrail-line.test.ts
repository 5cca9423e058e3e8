import assert from "node:assert/strict";
import { test } from "node:test";
import { estimateCost } from "../../../server/cost/estimate";
import { parseCostUsage } from "../../../server/cost/inputs";
import { guardrailLine, textUnitsPerRequest } from "../../../server/cost/lines/guardrail";
import { finalizeLine } from "../../../server/cost/line";
import { loadPricing, regionServices } from "../../../server/cost/pricing";
import { GuardrailsSpec } from "../../../server/spec/guardrails";
import { deps, makeSpec } from "./fixtures";

const usage = { requestsPerMonth: 10_000, inputTokens: 1_500, outputTokens: 400 };
const guardrails = { deniedTopics: [{ name: "Investment advice", definition: "Which stocks to buy." }], pii: [{ type: "EMAIL" as const, action: "ANONYMIZE" as const }] };

test("text units per request: each call's prompt and answer, 1,000 characters a unit at 4 characters a token, rounded up", () => {
  // prompt 1,500 tokens = 6,000 chars = 6 units; answer 400 tokens = 1,600 chars = 2 units.
  assert.equal(textUnitsPerRequest(parseCostUsage(usage)), 8);
  // Two calls (one tool round trip): each re-sends the 6-unit prompt; the 400 answer tokens split 200 + 200 = 800 chars = 1 unit each.
  assert.equal(textUnitsPerRequest(parseCostUsage({ ...usage, toolRoundTrips: 1 })), 14);
});

test("a spec with a guardrail gets a Bedrock Guardrails line per metered policy, price unknown (not in the reference), never $0", () => {
  const e = estimateCost(makeSpec({ guardrails }), usage, deps());
  const line = e.lines.find((l) => l.service === "Bedrock Guardrails");
  assert.ok(line, e.lines.map((l) => l.service).join(", "));
  assert.equal(line.monthly, null);
  assert.equal(line.priceUnknown, true);
  assert.equal(line.category, "security");
  assert.match(line.detail, /denied topics: 80,000 text units × price unknown/);
  assert.match(line.detail, /sensitive information \(PII\): 80,000 text units × price unknown/);
  assert.doesNotMatch(line.detail, /word filters|grounding/);
  assert.ok(e.totalExcludesUnknown);
  assert.ok(e.unknownServices.includes("Bedrock Guardrails"));
});

test("no guardrail in the spec, no line", () => {
  const e = estimateCost(makeSpec(), usage, deps());
  assert.equal(e.lines.find((l) => l.service === "Bedrock Guardrails"), undefined);
});

test("once the pricing file has a price, the line is priced from it (per 1,000 text units)", () => {
  const pricing = structuredClone(loadPricing());
  const svc = regionServices(pricing, "us-east-1")!;
  svc.bedrock_guardrails = { denied_topics_per_1k_text_units: { value: 2, unit: "USD per 1,000 text units", sources: ["fixture"], asOf: null } };
  const draft = guardrailLine(svc, GuardrailsSpec.parse({ deniedTopics: guardrails.deniedTopics }), parseCostUsage(usage))!;
  // 80,000 units / 1,000 × $2 (a fixture price, not a real one) = $160
  assert.equal(finalizeLine(draft).monthly, 160);
});

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { calibrateUsage } from "../../../server/cost/calibrate";
import { defaultUsage } from "../../../server/cost/default-usage";
import { estimateCost } from "../../../server/cost/estimate";
import { DomainError } from "../../../server/errors";
import { AgentSpec } from "../../../server/spec/agent-spec";
import { deps, makeSpec } from "./fixtures";

const guessed = { requestsPerMonth: 100_000, inputTokens: 2000, outputTokens: 500, reasoningTokens: 300, toolRoundTrips: 2, avgDurationMs: 10_000 };

describe("calibration from measured runs", () => {
  test("uses the measured averages and says so", () => {
    const usage = calibrateUsage(guessed, { runs: 12, avgInputTokens: 3100, avgOutputTokens: 420, avgLatencyMs: 6500 });
    assert.equal(usage.usageSource, "measured");
    assert.equal(usage.measuredRuns, 12);
    assert.equal(usage.inputTokens, 3100);
    assert.equal(usage.outputTokens, 420);
    assert.equal(usage.avgDurationMs, 6500);
    // Measured tokens already include every round trip and the reasoning.
    assert.equal(usage.toolRoundTrips, 0);
    assert.equal(usage.reasoningTokens, 0);
    assert.equal(usage.requestsPerMonth, 100_000);

    const e = estimateCost(makeSpec(), usage, deps());
    assert.equal(e.usageSource, "measured");
    // 100,000 × 3,100 × $3/1M = $930 + 100,000 × 420 × $15/1M = $630 → $1,560.00
    assert.equal(e.lines[0]!.monthly, 1560);
    assert.match(e.assumptions.find((a) => a.key === "inputTokens")!.note, /measured over 12 test runs/);
  });

  test("keeps the guesses without runs", () => {
    const usage = calibrateUsage(guessed, { runs: 0, avgInputTokens: 0, avgOutputTokens: 0, avgLatencyMs: 0 });
    assert.equal(usage.usageSource, "estimated");
    assert.equal(usage.inputTokens, 2000);
    assert.equal(estimateCost(makeSpec(), usage, deps()).usageSource, "estimated");
  });

  test("rejects bad measurements naming the field", () => {
    assert.throws(
      () => calibrateUsage(guessed, { runs: 3, avgInputTokens: -5, avgOutputTokens: 1, avgLatencyMs: 1 }),
      (e: unknown) => e instanceof DomainError && e.code === "invalid" && e.details?.field === "avgInputTokens",
    );
  });
});

describe("default usage and projection", () => {
  test("traffic comes from requirements.requestsPerDay, tokens are guessed from the prompt", () => {
    const spec = AgentSpec.parse(makeSpec({ systemPrompt: "x".repeat(2000), requirements: { capabilities: [], requestsPerDay: 2400 } }));
    const usage = defaultUsage(spec);
    assert.equal(usage.requestsPerMonth, 73_000); // 2,400 × 730 / 24
    assert.equal(usage.inputTokens, 1000); // 2,000 chars / 4 + 500
    assert.equal(usage.outputTokens, 500);
  });

  test("without traffic in the spec or the call, the missing field is named", () => {
    const spec = AgentSpec.parse(makeSpec());
    assert.throws(() => defaultUsage(spec), (e: unknown) => e instanceof DomainError && e.details?.field === "requestsPerMonth");
  });

  test("12 months compounding at 10% a month", () => {
    // Model only (no infrastructure usage): month m = 10,000 × 1.1^(m−1) requests × 1,000 in × $3/1M
    // month 1: $30.00; month 2: 11,000 → $33.00; month 12: 10,000 × 1.1^11 = 28,531.17 → $85.59
    const usage = { requestsPerMonth: 10_000, inputTokens: 1000, outputTokens: 0, growthRatePerMonth: 0.1, infrastructure: { logKbPerRequest: 0, dataOutKbPerRequest: 0 } };
    const e = estimateCost(makeSpec(), usage, deps());
    assert.equal(e.projection[0]!.total, 30);
    assert.equal(e.projection[1]!.total, 33);
    assert.equal(e.projection[11]!.requestsPerMonth, 28_531);
    assert.equal(e.projection[11]!.total, 85.59);
    // Σ 30 × 1.1^k, k = 0..11 = 30 × (1.1^12 − 1) / 0.1 = $641.53 (each month rounded first)
    assert.equal(e.projectionTotal, 641.53);
  });
});

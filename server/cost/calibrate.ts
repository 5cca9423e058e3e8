import { z } from "zod";
import { DomainError } from "../errors";
import type { CostUsageInput } from "./inputs";

/**
 * Averages over an agent's stored runs (test runs or calls to its deployment). Token figures are per run, all model calls
 * of the run together (tool round trips included, reasoning counted as output).
 */
export const MeasuredUsage = z.object({
  runs: z.number().int().min(0),
  avgInputTokens: z.number().min(0).max(10_000_000),
  avgOutputTokens: z.number().min(0).max(1_000_000),
  avgLatencyMs: z.number().min(0).max(28_800_000),
  /** Calls to the deployed agent or test runs (the default). */
  source: z.enum(["deployment", "test-runs"]).default("test-runs"),
});
export type MeasuredUsage = z.input<typeof MeasuredUsage>;

/**
 * Replaces the guessed token and latency figures with measured averages when there is
 * at least one run, and says so (usageSource "measured"). Because measured input already
 * includes every round trip, toolRoundTrips and reasoningTokens drop to 0.
 */
export function calibrateUsage<T extends CostUsageInput>(
  usage: T,
  measured: MeasuredUsage,
): T & Pick<CostUsageInput, "usageSource" | "measuredRuns" | "measuredFrom"> {
  const parsed = MeasuredUsage.safeParse(measured);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map(String).join(".");
    throw new DomainError("invalid", `Invalid measured usage: ${field}: ${issue.message}`, { field });
  }
  const m = parsed.data;
  if (m.runs === 0) return { ...usage, usageSource: "estimated" };
  return {
    ...usage,
    inputTokens: m.avgInputTokens,
    outputTokens: m.avgOutputTokens,
    reasoningTokens: 0,
    toolRoundTrips: 0,
    avgDurationMs: m.avgLatencyMs,
    usageSource: "measured",
    measuredRuns: m.runs,
    measuredFrom: m.source,
  };
}

import type { AgentSpec } from "../spec/agent-spec";
import { calibrateUsage, type MeasuredUsage } from "./calibrate";
import { defaultUsage } from "./default-usage";
import type { Calibration } from "./measured-usage";
import { parseCostUsage, type CostUsage, type CostUsageInput } from "./inputs";
import { mergePatch } from "./spec-patch";

/**
 * Traffic assumed when neither the spec (requirements.requestsPerDay) nor the caller
 * says; a visible placeholder the Cost tab asks the user to replace, never a price.
 */
export const PLACEHOLDER_REQUESTS_PER_DAY = 1_000;

/** Set by the server from the test runs or deployed calls, never by a caller. */
const SERVER_OWNED = new Set(["usageSource", "measuredRuns", "measuredFrom"]);
/** What calibration replaces; overriding all of them means nothing measured is used. */
const MEASURED_FIELDS = ["inputTokens", "outputTokens", "avgDurationMs"] as const;

export type ResolvedUsage = {
  /** The usage priced, every default applied. */
  usage: CostUsage;
  /** Top-level usage keys the caller set (the rest come from the spec, test runs or defaults). */
  overridden: string[];
  /** The test-run averages used, or null when the project has no successful runs. */
  calibration: Calibration | null;
  notes: string[];
};

const asRecord = (v: unknown): Record<string, unknown> => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/**
 * Rejects a bad override before anything is derived from it (a bad hoursPerMonth would
 * otherwise surface as a bad requestsPerMonth). Required fields get neutral stand-ins so
 * only the caller's own fields can fail; the error names the field.
 */
function checkOverrides(overrides: Record<string, unknown>): void {
  parseCostUsage({ requestsPerMonth: 0, inputTokens: 0, outputTokens: 0, ...overrides });
}

/**
 * The usage for a project's estimate, in layers: guesses from the spec (defaultUsage),
 * then the averages of the project's test runs when there are any (calibrateUsage, which
 * says "measured"), then the caller's overrides on top. Throws DomainError("invalid")
 * naming the field for a negative, NaN, infinite or absurd figure.
 */
export function resolveUsage(spec: AgentSpec, opts: { overrides?: unknown; measured: Calibration; noSystemPrompt?: boolean }): ResolvedUsage {
  const overrides = Object.fromEntries(Object.entries(asRecord(opts.overrides)).filter(([k, v]) => !SERVER_OWNED.has(k) && v !== undefined));
  checkOverrides(overrides);
  const notes: string[] = [];
  const hours = typeof overrides.hoursPerMonth === "number" ? overrides.hoursPerMonth : 730;
  let requestsPerMonth = overrides.requestsPerMonth as number | undefined;
  if (requestsPerMonth === undefined && spec.requirements.requestsPerDay === undefined) {
    requestsPerMonth = (PLACEHOLDER_REQUESTS_PER_DAY * hours) / 24;
    notes.push(`Traffic is a placeholder (${PLACEHOLDER_REQUESTS_PER_DAY.toLocaleString("en-US")} requests/day): set the expected requests per day.`);
  }
  if (opts.noSystemPrompt) notes.push("The system prompt is not written yet: input tokens are guessed without it.");
  // defaultUsage reads only the prompt's length for its token guess.
  const guessSpec = opts.noSystemPrompt ? { ...spec, systemPrompt: "" } : spec;
  const base = defaultUsage(guessSpec, { ...(requestsPerMonth !== undefined && { requestsPerMonth }), ...(overrides.hoursPerMonth !== undefined && { hoursPerMonth: hours }) });

  const m = opts.measured;
  let layered: CostUsageInput = base;
  if (m.runs > 0) {
    const calibrated: CostUsageInput = calibrateUsage(base, { ...m, avgLatencyMs: m.avgLatencyMs ?? 0 } satisfies MeasuredUsage);
    // Runs without a latency leave the duration a guess.
    if (m.avgLatencyMs === null) delete calibrated.avgDurationMs;
    layered = calibrated;
  }
  const merged = mergePatch(layered, overrides) as CostUsageInput;
  const overridden = Object.keys(overrides).sort();
  if (m.runs > 0 && MEASURED_FIELDS.every((f) => overridden.includes(f))) {
    merged.usageSource = "estimated";
    delete merged.measuredRuns;
    delete merged.measuredFrom;
  }
  return { usage: parseCostUsage(merged), overridden, calibration: m.runs > 0 ? m : null, notes };
}

/** What a stored project's prices rest on besides its spec: the Cost tab's saved assumptions and the measured calls. */
export type UsageFacts = { saved: Record<string, unknown>; measured: Calibration };

/**
 * The usage every price of a stored project is computed at (Cost tab, Models tab, deploy
 * plan): its saved assumptions with the caller's unsaved what-if on top, over its measured calls.
 */
export function usageAt(spec: AgentSpec, facts: UsageFacts, whatIf: unknown, noSystemPrompt = false): ResolvedUsage {
  return resolveUsage(spec, { overrides: mergePatch(facts.saved, whatIf ?? {}), measured: facts.measured, noSystemPrompt });
}

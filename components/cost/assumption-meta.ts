import type { Overrides } from "./types";

/** How the tab shows an assumption: label, unit, and whether it is a share edited as a percentage. */
export type AssumptionMeta = { label: string; unit?: string; percent?: boolean; primary?: boolean; options?: string[] };

/** Requests per day is the tab's own field: the API takes requests per month. */
export const REQUESTS_PER_DAY = "requestsPerDay";

export const ASSUMPTION_META: Record<string, AssumptionMeta> = {
  [REQUESTS_PER_DAY]: { label: "Requests per day", primary: true },
  inputTokens: { label: "Input tokens per call", primary: true },
  outputTokens: { label: "Output tokens per request", primary: true },
  avgDurationMs: { label: "Time per request", unit: "ms", primary: true },
  hoursPerMonth: { label: "Hours per month", unit: "h", primary: true },
  growthRatePerMonth: { label: "Traffic growth", unit: "%/month", percent: true, primary: true },
  activeCpuShare: { label: "AgentCore active CPU share", unit: "%", percent: true, primary: true },
  freeTier: { label: "Apply the always-free tier", primary: true },
  legacyFreeTier: { label: "Account predates 2025-07-15 (legacy 12-month free tier)" },
  reasoningTokens: { label: "Reasoning tokens per request" },
  toolRoundTrips: { label: "Tool round trips per request" },
  cachedInputShare: { label: "Input from prompt cache", unit: "%", percent: true },
  batchShare: { label: "Requests sent as batch", unit: "%", percent: true },
  peakMemoryMb: { label: "Measured peak memory", unit: "MB" },
  "infrastructure.logKbPerRequest": { label: "Logs per request", unit: "KB" },
  "infrastructure.logRetentionMonths": { label: "Log retention", unit: "months" },
  "infrastructure.dataOutKbPerRequest": { label: "Response size", unit: "KB" },
  "infrastructure.apiGateway": { label: "API Gateway", options: ["none", "http", "rest"] },
  "infrastructure.natGateways": { label: "NAT gateways" },
  "infrastructure.publicIpv4Addresses": { label: "Public IPv4 addresses" },
  "infrastructure.secretCount": { label: "Secrets" },
  "infrastructure.secretFetchesPerRequest": { label: "Secret reads per request" },
  "infrastructure.containerImageGb": { label: "Container image", unit: "GB" },
  "infrastructure.dynamoWritesPerRequest": { label: "DynamoDB writes per request" },
  "infrastructure.dynamoReadsPerRequest": { label: "DynamoDB reads per request" },
  "infrastructure.agentcoreMemoryEventsPerRequest": { label: "Memory events per request" },
};

/** The display value of a stored one (shares as percentages, rounded to hide float noise). */
export const toDisplay = (key: string, value: number) => (ASSUMPTION_META[key]?.percent ? Math.round(value * 100 * 1e6) / 1e6 : value);
export const fromDisplay = (key: string, value: number) => (ASSUMPTION_META[key]?.percent ? value / 100 : value);

/** Requests per month from per day, the way the estimator converts (hours per month / 24). */
export const perDayToMonth = (perDay: number, hoursPerMonth: number) => (perDay * hoursPerMonth) / 24;
export const monthToPerDay = (perMonth: number, hoursPerMonth: number) => (hoursPerMonth > 0 ? (perMonth * 24) / hoursPerMonth : 0);

/** The usage overrides the API takes: nested `infrastructure`, requests per month. */
export function toUsage(overrides: Overrides): Record<string, unknown> {
  const usage: Record<string, unknown> = {};
  const infrastructure: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(overrides)) {
    if (key === REQUESTS_PER_DAY) continue;
    if (key.startsWith("infrastructure.")) infrastructure[key.slice("infrastructure.".length)] = value;
    else usage[key] = value;
  }
  const perDay = overrides[REQUESTS_PER_DAY];
  if (typeof perDay === "number") {
    const hours = typeof overrides.hoursPerMonth === "number" ? overrides.hoursPerMonth : 730;
    usage.requestsPerMonth = perDayToMonth(perDay, hours);
  }
  if (Object.keys(infrastructure).length > 0) usage.infrastructure = infrastructure;
  return usage;
}

/** The inverse of toUsage, for usage the server hands back (after applying a suggestion). */
export function fromUsage(usage: Record<string, unknown>): Overrides {
  const out: Overrides = {};
  for (const [key, value] of Object.entries(usage)) {
    if (key === "infrastructure" && value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) if (isValue(v)) out[`infrastructure.${k}`] = v;
    } else if (key === "requestsPerMonth" && typeof value === "number") {
      out[REQUESTS_PER_DAY] = monthToPerDay(value, typeof usage.hoursPerMonth === "number" ? usage.hoursPerMonth : 730);
    } else if (isValue(value)) out[key] = value;
  }
  return out;
}

const isValue = (v: unknown): v is number | boolean | string => typeof v === "number" || typeof v === "boolean" || typeof v === "string";

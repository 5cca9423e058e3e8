import { z } from "zod";
import { DomainError } from "../errors";

/**
 * The usage assumptions behind an estimate. Routers, the CLI and the Cost tab all send
 * this shape; every field is an editable assumption, not a price. Limits reject absurd
 * figures (a typo such as 1e15 requests) with the field named, before any arithmetic.
 */

const bounded = (name: string, min: number, max: number) =>
  z
    .number({ error: (iss) => (iss.input === undefined ? `${name} is required` : `${name} must be a finite number`) })
    .min(min, { error: `${name} must be at least ${min}` })
    .max(max, { error: `${name} must be at most ${max.toLocaleString("en-US")} (absurd value)` });
const share = (name: string) => bounded(name, 0, 1);
const count = (name: string, max: number) => bounded(name, 0, max).int({ error: `${name} must be a whole number` });

/** Assumptions about the generated deployment's supporting services (units in the names). */
export const InfrastructureAssumptions = z.strictObject({
  /** CloudWatch Logs written per request. */
  logKbPerRequest: bounded("infrastructure.logKbPerRequest", 0, 10_240).default(2),
  /** Months of logs kept (steady-state stored GB = monthly GB × months). */
  logRetentionMonths: bounded("infrastructure.logRetentionMonths", 0, 120).default(1),
  /** Response bytes sent to the internet per request. */
  dataOutKbPerRequest: bounded("infrastructure.dataOutKbPerRequest", 0, 1_048_576).default(4),
  /** "none" = Lambda function URL / direct invoke (no API Gateway charge). */
  apiGateway: z.enum(["none", "http", "rest"]).default("none"),
  natGateways: count("infrastructure.natGateways", 20).default(0),
  /** Bytes through the NAT per request; default: model traffic at 4 bytes per token. */
  natKbPerRequest: bounded("infrastructure.natKbPerRequest", 0, 1_048_576).optional(),
  /** Default: one per Fargate task without NAT, one per NAT gateway, two for an ALB. */
  publicIpv4Addresses: count("infrastructure.publicIpv4Addresses", 1_000).optional(),
  /** Container image stored in ECR (AgentCore and Fargate). */
  containerImageGb: bounded("infrastructure.containerImageGb", 0, 100).default(0.5),
  /** Default: 1 when secrets live in Secrets Manager and the agent has tools, else 0. */
  secretCount: count("infrastructure.secretCount", 1_000).optional(),
  /** Secret reads per request; default: 1 on AgentCore (a fresh microVM per session), 0 when cached per container. */
  secretFetchesPerRequest: bounded("infrastructure.secretFetchesPerRequest", 0, 100).optional(),
  dynamoWritesPerRequest: bounded("infrastructure.dynamoWritesPerRequest", 0, 1_000).default(2),
  dynamoReadsPerRequest: bounded("infrastructure.dynamoReadsPerRequest", 0, 1_000).default(1),
  /** Item size; storage kept = one month of items (a 30-day TTL). */
  dynamoItemKb: bounded("infrastructure.dynamoItemKb", 0, 400).default(1),
  agentcoreMemoryEventsPerRequest: bounded("infrastructure.agentcoreMemoryEventsPerRequest", 0, 1_000).default(2),
  s3StorageGb: bounded("infrastructure.s3StorageGb", 0, 10_000_000).default(0),
  s3PutsPerMonth: bounded("infrastructure.s3PutsPerMonth", 0, 1e12).default(0),
  s3GetsPerMonth: bounded("infrastructure.s3GetsPerMonth", 0, 1e12).default(0),
  sqsRequestsPerRequest: bounded("infrastructure.sqsRequestsPerRequest", 0, 1_000).default(0),
});
export type InfrastructureAssumptions = z.output<typeof InfrastructureAssumptions>;

export const CostUsageInput = z.strictObject({
  requestsPerMonth: bounded("requestsPerMonth", 0, 1e10),
  /** Average input tokens of one model call (the context re-sent on each tool round trip). */
  inputTokens: bounded("inputTokens", 0, 10_000_000),
  /** Average output tokens per request, all model calls together. */
  outputTokens: bounded("outputTokens", 0, 1_000_000),
  /** Reasoning ("thinking") tokens per request, billed as output. */
  reasoningTokens: bounded("reasoningTokens", 0, 1_000_000).default(0),
  /** Extra model calls per request caused by tool use; each re-sends the input. */
  toolRoundTrips: bounded("toolRoundTrips", 0, 100).default(0),
  /** Share of input tokens read from the prompt cache; used only where the model prices cache reads. */
  cachedInputShare: share("cachedInputShare").default(0),
  /** Share of requests sent through batch inference; used only where batch prices exist. */
  batchShare: share("batchShare").default(0),
  /** Average time a request occupies its compute (Lambda duration, AgentCore session). */
  avgDurationMs: bounded("avgDurationMs", 0, 28_800_000).default(10_000),
  /** AgentCore: share of session time the CPU is busy; I/O wait (model calls) is not billed. */
  activeCpuShare: share("activeCpuShare").default(0.3),
  /** Measured peak memory, when known; enables right-sizing advice. */
  peakMemoryMb: bounded("peakMemoryMb", 1, 262_144).optional(),
  /** Hours always-on resources run per month (AWS convention: 730). */
  hoursPerMonth: bounded("hoursPerMonth", 0, 744).default(730),
  /** Traffic growth per month for the 12-month projection (0.05 = +5 %/month). */
  growthRatePerMonth: bounded("growthRatePerMonth", -0.99, 10).default(0),
  /** Apply always-free offers. */
  freeTier: z.boolean().default(true),
  /** Also apply legacy 12-month offers (accounts created before 2025-07-15). */
  legacyFreeTier: z.boolean().default(false),
  usageSource: z.enum(["estimated", "measured"]).default("estimated"),
  measuredRuns: count("measuredRuns", 1e9).optional(),
  /** Where measured figures come from: calls to the deployed agent, or test runs. */
  measuredFrom: z.enum(["deployment", "test-runs"]).optional(),
  infrastructure: InfrastructureAssumptions.default(() => InfrastructureAssumptions.parse({})),
});
/** What a caller may send (defaults not applied). */
export type CostUsageInput = z.input<typeof CostUsageInput>;
/** Parsed usage with every default applied. */
export type CostUsage = z.output<typeof CostUsageInput>;

/**
 * Validates usage from any caller. Negative, NaN, infinite or absurd figures throw
 * DomainError("invalid") whose message and `details.field` name the first bad field.
 */
export function parseCostUsage(input: unknown): CostUsage {
  const result = CostUsageInput.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => {
    const path = i.path.map(String);
    if (i.code === "unrecognized_keys") {
      const field = [...path, i.keys[0] ?? ""].join(".");
      return { field, message: `${field} is not a usage field` };
    }
    const field = path.join(".") || "(usage)";
    return { field, message: i.message.startsWith(field) ? i.message : `${field}: ${i.message}` };
  });
  const first = issues[0]!;
  const message = first.message;
  throw new DomainError("invalid", `Invalid usage: ${message}`, { field: first.field, issues });
}

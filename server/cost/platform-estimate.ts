import { z } from "zod";
import { DomainError } from "../errors";
import { amount, finalizeLine, type LineDraft } from "./line";
import { fargateLine, lambdaLine } from "./lines/compute";
import { dynamoDbLine, s3Line, secretsLine } from "./lines/data";
import { loadBalancerLine, publicIpv4Line, sqsLine } from "./lines/network";
import { logsLine } from "./lines/observability";
import { summarize } from "./suggestions";
import { fmtNum } from "./format";
import { centsToUsd } from "./money";
import { loadPricing, regionServices, type PricingFile } from "./pricing";
import type { CostAssumption, CostLine } from "./types";

const n = (max: number) => z.number().min(0).max(max);
const arch = z.enum(["arm64", "x86_64"]).default("arm64");
const fn = (requests: number, ms: number) =>
  z.object({ invocationsPerMonth: n(1e10).default(requests), avgDurationMs: n(900_000).default(ms), memoryMb: n(10_240).min(128).default(1024), architecture: arch });

/**
 * The platform's own AWS deployment (see ARCHITECTURE.md "Two ways to run"): Next.js on
 * Lambda, four worker Lambdas on SQS queues, one DynamoDB table on demand, S3 artifacts,
 * the WebSocket service on Fargate, logs, alarms and secrets. Defaults describe an idle
 * deployment: no traffic, only what runs or is stored anyway.
 */
export const PlatformCostParams = z.object({
  region: z.string().default("us-east-1"),
  hoursPerMonth: n(744).default(730),
  web: fn(0, 200).default(() => fn(0, 200).parse({})),
  workers: z.object({ count: n(100).int().default(4), ...fn(0, 1000).shape }).default(() => ({ count: 4, ...fn(0, 1000).parse({}) })),
  queues: z
    .object({
      /** Work queues with a Lambda consumer (one per worker); DLQs are not polled. */
      polled: n(100).int().default(4),
      messagesPerMonth: n(1e10).default(0),
      /** Lambda polls each queue with long polls even when idle: pollers × hours × 3600 / waitSeconds. */
      pollersPerQueue: n(100).default(5),
      longPollWaitSeconds: n(20).min(1).default(20),
    })
    .default({ polled: 4, messagesPerMonth: 0, pollersPerQueue: 5, longPollWaitSeconds: 20 }),
  dynamodb: z
    .object({ writeUnitsPerMonth: n(1e12).default(0), readUnitsPerMonth: n(1e12).default(0), storageGb: n(1e6).default(1) })
    .default({ writeUnitsPerMonth: 0, readUnitsPerMonth: 0, storageGb: 1 }),
  s3: z
    .object({ storageGb: n(1e7).default(5), putsPerMonth: n(1e12).default(0), getsPerMonth: n(1e12).default(0) })
    .default({ storageGb: 5, putsPerMonth: 0, getsPerMonth: 0 }),
  realtime: z
    .object({ tasks: n(100).int().default(1), vcpu: n(16).default(0.25), memoryGb: n(120).default(0.5), architecture: arch, loadBalancer: z.boolean().default(false) })
    .default({ tasks: 1, vcpu: 0.25, memoryGb: 0.5, architecture: "arm64", loadBalancer: false }),
  logs: z.object({ ingestGbPerMonth: n(1e6).default(1), retentionMonths: n(120).default(1) }).default({ ingestGbPerMonth: 1, retentionMonths: 1 }),
  /** CloudWatch alarms: their price is not in the reference, so they show as "price unknown". */
  alarms: n(1000).int().default(4),
  /** Default: one per realtime task plus two for the ALB. */
  publicIpv4Addresses: n(1000).int().optional(),
  secrets: n(1000).int().default(2),
  /** SST's Nextjs component puts CloudFront in front; its price is not in the reference. */
  cdn: z.boolean().default(true),
  freeTier: z.boolean().default(true),
  legacyFreeTier: z.boolean().default(false),
});
export type PlatformCostParams = z.input<typeof PlatformCostParams>;

export type PlatformCostEstimate = {
  total: number;
  lines: CostLine[];
  totalExcludesUnknown: boolean;
  unknownServices: string[];
  freeTierSaving: number;
  assumptions: CostAssumption[];
};

const unknownLine = (service: string, why: string): LineDraft => ({
  service,
  category: "network",
  charges: [amount(() => why, null)],
});

/**
 * Prices the platform's own deployment from explicit parameters, with the same line
 * functions and prices as agent estimates. Unknown prices (CloudWatch alarms,
 * CloudFront, Neon) are explicit lines, excluded from the total and flagged.
 */
export function estimatePlatformIdleCost(input: PlatformCostParams = {}, pricing: PricingFile = loadPricing()): PlatformCostEstimate {
  const parsed = PlatformCostParams.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map(String).join(".");
    throw new DomainError("invalid", `Invalid platform parameters: ${field}: ${issue.message}`, { field });
  }
  const p = parsed.data;
  const svc = regionServices(pricing, p.region);
  const hours = p.hoursPerMonth;
  const ft = { freeTier: p.freeTier, legacyFreeTier: p.legacyFreeTier };
  // One account-wide Lambda free tier, so the five functions are priced as one line.
  const gbs = (f: { invocationsPerMonth: number; avgDurationMs: number; memoryMb: number }, count = 1) =>
    (count * f.invocationsPerMonth * Math.ceil(f.avgDurationMs) * f.memoryMb) / 1000 / 1024;
  const arches = new Set([p.web.architecture, p.workers.architecture]);
  // Mixed architectures are priced at the x86 rate, the higher one, rather than splitting the free tier.
  const lambdaArch = arches.size === 1 ? p.web.architecture : "x86_64";
  const pollRequests = (p.queues.polled * p.queues.pollersPerQueue * hours * 3600) / p.queues.longPollWaitSeconds;
  // Tasks in public subnets hold an address each; an internet-facing ALB one per AZ (two).
  const ipv4 = p.publicIpv4Addresses ?? p.realtime.tasks + (p.realtime.loadBalancer ? 2 : 0);
  const drafts: LineDraft[] = [
    lambdaLine(
      svc,
      {
        requests: p.web.invocationsPerMonth + p.workers.count * p.workers.invocationsPerMonth,
        gbSeconds: gbs(p.web) + gbs(p.workers, p.workers.count),
        architecture: lambdaArch,
      },
      ft,
    ),
    // Each message costs a send, a receive and a delete.
    sqsLine(svc, { requests: pollRequests + 3 * p.queues.messagesPerMonth }, ft),
    dynamoDbLine(svc, { writeUnits: p.dynamodb.writeUnitsPerMonth, readUnits: p.dynamodb.readUnitsPerMonth, storageGb: p.dynamodb.storageGb }, ft),
    s3Line(svc, { storageGb: p.s3.storageGb, puts: p.s3.putsPerMonth, gets: p.s3.getsPerMonth }, ft),
    fargateLine(svc, { tasks: p.realtime.tasks, vcpu: p.realtime.vcpu, memoryGb: p.realtime.memoryGb, hours, architecture: p.realtime.architecture }),
    ...(p.realtime.loadBalancer ? [loadBalancerLine(svc, { balancers: 1, hours, lcus: 0 }, ft)] : []),
    publicIpv4Line(svc, { addresses: ipv4, hours }),
    logsLine(svc, { ingestGb: p.logs.ingestGbPerMonth, storedGb: p.logs.ingestGbPerMonth * p.logs.retentionMonths }, ft),
    ...(p.secrets > 0 ? [secretsLine(svc, { secrets: p.secrets, apiCalls: 0 })] : []),
    ...(p.alarms > 0 ? [{ ...unknownLine("CloudWatch alarms", `${p.alarms} alarms × price unknown (not in the reference prices)`), category: "observability" as const }] : []),
    ...(p.cdn ? [unknownLine("CloudFront", "SST Nextjs distribution: requests and transfer × price unknown (not in the reference prices)")] : []),
    { ...unknownLine("Neon Postgres", "billed by Neon, outside AWS: not priced here"), category: "data" as const },
  ];
  const lines = drafts.map(finalizeLine);
  const { cents } = summarize(lines);
  const unknownServices = lines.filter((l) => l.priceUnknown).map((l) => l.service);
  const a = (key: string, value: CostAssumption["value"], note: string): CostAssumption => ({ key, value, editable: true, note });
  return {
    total: centsToUsd(cents),
    lines,
    totalExcludesUnknown: unknownServices.length > 0,
    unknownServices,
    freeTierSaving: centsToUsd(lines.reduce((s, l) => s + Math.round(l.freeTierSaving * 100), 0)),
    assumptions: [
      a("region", p.region, svc ? "prices from registry/pricing.json" : "no prices for this region"),
      a("hoursPerMonth", hours, "always-on hours per month"),
      a("web.invocationsPerMonth", p.web.invocationsPerMonth, "Next.js server function invocations (0 = idle)"),
      a("workers.count", p.workers.count, "worker Lambdas (PM, Dev, QA, Ops)"),
      a("workers.invocationsPerMonth", p.workers.invocationsPerMonth, "invocations per worker (0 = idle)"),
      a("queues.pollersPerQueue", p.queues.pollersPerQueue, `Lambda's SQS pollers per queue; ${fmtNum(Math.round(pollRequests))} empty receives/month at ${p.queues.longPollWaitSeconds} s long polls`),
      a("realtime.loadBalancer", p.realtime.loadBalancer, p.realtime.loadBalancer ? "ALB in front of the WebSocket service" : "clients reach the task's public IPv4 directly"),
      a("publicIpv4Addresses", ipv4, "public IPv4 addresses: one per realtime task, two for an ALB"),
      a("dynamodb.storageGb", p.dynamodb.storageGb, "table storage (25 GB always free)"),
      a("s3.storageGb", p.s3.storageGb, "artifact storage"),
      a("logs.ingestGbPerMonth", p.logs.ingestGbPerMonth, "CloudWatch Logs ingested per month"),
      a("secrets", p.secrets, "Secrets Manager secrets (e.g. auth secret, database URL)"),
      a("freeTier", p.freeTier, "always-free offers applied; Bedrock calls by the workers are per use and not included"),
    ],
  };
}

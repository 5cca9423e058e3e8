import type { ModelEntry } from "../registry/schema";
import type { AgentSpec } from "../spec/agent-spec";
import type { CostUsage } from "./inputs";
import { draftCents, finalizeLine, type LineDraft } from "./line";
import { regionServices, type PricingFile } from "./pricing";
import { KB_PER_GB, resolveInfrastructure } from "./deployment-usage";
import { agentCoreLine, agentCoreMemoryLine, fargateLine, lambdaLine } from "./lines/compute";
import { dynamoDbLine, ecrLine, s3Line, secretsLine } from "./lines/data";
import { guardrailLine } from "./lines/guardrail";
import { agentCoreGatewayLine } from "./lines/agentcore-gateway";
import { modelLine } from "./lines/model";
import { apiGatewayLine, dataTransferLine, loadBalancerLine, natLine, publicIpv4Line, sqsLine } from "./lines/network";
import { logsLine, xrayLine } from "./lines/observability";
import type { CostLine } from "./types";

/** The compute line of the spec's deployment target. */
function computeLine(spec: AgentSpec, usage: CostUsage, svc: ReturnType<typeof regionServices>): LineDraft {
  const d = spec.deployment;
  const R = usage.requestsPerMonth;
  if (d.target === "lambda") {
    // Billed per 1 ms; a request cannot run past the function timeout.
    const ms = Math.ceil(Math.min(usage.avgDurationMs, d.timeoutSeconds * 1000));
    return lambdaLine(svc, { requests: R, gbSeconds: (R * ms * d.memoryMb) / 1000 / 1024, architecture: d.architecture }, usage);
  }
  if (d.target === "ecs-fargate") {
    return fargateLine(svc, {
      tasks: d.desiredCount,
      vcpu: d.cpu / 1024,
      memoryGb: d.memoryMb / 1024,
      hours: usage.hoursPerMonth,
      architecture: d.architecture,
    });
  }
  // AgentCore bills per second with a 1-second minimum per session (one session per request).
  const sessionHours = (R * Math.max(1, usage.avgDurationMs / 1000)) / 3600;
  return agentCoreLine(svc, { activeVcpuHours: sessionHours * d.vcpu * usage.activeCpuShare, gbHours: sessionHours * d.memoryGb });
}

/**
 * Every line of the spec's deployment, unrounded. Lines appear only for what the
 * generated deployment contains (see resolveInfrastructure); a missing price gives a
 * "price unknown" line, never a silent $0.
 */
export function draftLines(spec: AgentSpec, usage: CostUsage, model: ModelEntry, pricing: PricingFile): LineDraft[] {
  const region = spec.deployment.region;
  const svc = regionServices(pricing, region);
  const infra = resolveInfrastructure(spec, usage);
  const R = usage.requestsPerMonth;
  const hours = usage.hoursPerMonth;
  const drafts: LineDraft[] = [modelLine(model, spec, usage, region), computeLine(spec, usage, svc)];

  if (spec.memory.type === "dynamodb") {
    const writeUnits = R * infra.dynamoWritesPerRequest;
    const storageGb = (writeUnits * infra.dynamoItemKb) / KB_PER_GB;
    drafts.push(dynamoDbLine(svc, { writeUnits, readUnits: R * infra.dynamoReadsPerRequest, storageGb }, usage));
  }
  if (spec.memory.type === "agentcore-memory") drafts.push(agentCoreMemoryLine(svc, { events: R * infra.agentcoreMemoryEventsPerRequest }));
  if (infra.s3StorageGb > 0 || infra.s3PutsPerMonth > 0 || infra.s3GetsPerMonth > 0) {
    drafts.push(s3Line(svc, { storageGb: infra.s3StorageGb, puts: infra.s3PutsPerMonth, gets: infra.s3GetsPerMonth }, usage));
  }
  if (infra.sqsRequestsPerRequest > 0) drafts.push(sqsLine(svc, { requests: R * infra.sqsRequestsPerRequest }, usage));
  if (infra.apiGateway !== "none") drafts.push(apiGatewayLine(svc, { kind: infra.apiGateway, requests: R }, usage));
  if (infra.loadBalancers > 0) drafts.push(loadBalancerLine(svc, { balancers: infra.loadBalancers, hours, lcus: albLcus(usage, hours) }, usage));
  if (infra.natGateways > 0) {
    drafts.push(natLine(svc, { gateways: infra.natGateways, hours, gbProcessed: (R * infra.natKbPerRequest) / KB_PER_GB }));
  }
  if (infra.publicIpv4Addresses > 0) drafts.push(publicIpv4Line(svc, { addresses: infra.publicIpv4Addresses, hours }));
  if (infra.containerImage && infra.containerImageGb > 0) drafts.push(ecrLine(svc, { storageGb: infra.containerImageGb }, usage));
  if (infra.secretCount > 0) {
    drafts.push(secretsLine(svc, { secrets: infra.secretCount, apiCalls: R * infra.secretCount * infra.secretFetchesPerRequest }));
  }
  const guardrail = guardrailLine(svc, spec.guardrails, usage);
  if (guardrail) drafts.push(guardrail);
  const gateway = agentCoreGatewayLine(svc, spec, usage);
  if (gateway) drafts.push(gateway);
  const ingestGb = (R * infra.logKbPerRequest) / KB_PER_GB;
  drafts.push(logsLine(svc, { ingestGb, storedGb: ingestGb * infra.logRetentionMonths }, usage));
  if (spec.observability.tracing) drafts.push(xrayLine(svc, { traces: R }, usage));
  if (infra.dataOutKbPerRequest > 0) drafts.push(dataTransferLine(svc, { gb: (R * infra.dataOutKbPerRequest) / KB_PER_GB }));
  return drafts;
}

/** The breakdown users see: every line rounded to the cent, with its arithmetic. */
export function computeLines(spec: AgentSpec, usage: CostUsage, model: ModelEntry, pricing: PricingFile): CostLine[] {
  return draftLines(spec, usage, model, pricing).map(finalizeLine);
}

/**
 * Total cents of the known lines and the names of the unknown ones, without building
 * any text: what projections and suggestion pricing need. Two totals are comparable
 * only when their unknown sets match.
 */
export function totalCents(drafts: LineDraft[]): { cents: number; unknown: string } {
  let cents = 0;
  let unknown = "";
  for (const draft of drafts) {
    const c = draftCents(draft);
    if (c === null) unknown += `${draft.service}|`;
    else cents += c;
  }
  return { cents, unknown };
}

/**
 * Average LCUs: the largest of new connections/s ÷ 25 and GB processed/hour ÷ 1 (one
 * connection per request, response bytes as the bytes processed; active connections and
 * rule evaluations are not modelled).
 */
function albLcus(usage: CostUsage, hours: number): number {
  if (hours === 0) return 0;
  const perHour = usage.requestsPerMonth / hours;
  const gbPerHour = (perHour * usage.infrastructure.dataOutKbPerRequest) / KB_PER_GB;
  return Math.max(perHour / 3600 / 25, gbPerHour);
}

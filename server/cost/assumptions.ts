import type { ModelEntry } from "../registry/schema";
import type { AgentSpec } from "../spec/agent-spec";
import type { CostUsage } from "./inputs";
import { resolveInfrastructure } from "./deployment-usage";
import { tokensPerRequest } from "./lines/model";
import type { PricingFile } from "./pricing";
import type { CostAssumption } from "./types";

const a = (key: string, value: CostAssumption["value"], note: string, editable = true): CostAssumption => ({ key, value, editable, note });

/**
 * Everything the estimate assumed, in the order the Cost tab shows it. Editable keys are
 * CostUsageInput paths, so the tab can send an edited value straight back.
 */
export function listAssumptions(spec: AgentSpec, usage: CostUsage, model: ModelEntry, pricing: PricingFile): CostAssumption[] {
  const infra = resolveInfrastructure(spec, usage);
  const t = tokensPerRequest(spec, usage);
  const d = spec.deployment;
  const measured = usage.usageSource === "measured";
  const deployed = usage.measuredFrom === "deployment";
  const runs = usage.measuredRuns ?? "?";
  const src = !measured ? "estimate; replace with measured runs when available" : deployed ? `measured from ${runs} invocations of the deployed agent` : `measured over ${runs} test runs`;
  const list: CostAssumption[] = [
    a("usageSource", usage.usageSource, measured ? `token and latency averages come from ${deployed ? "calls to the deployed agent" : "test runs"}` : "token and latency figures are guesses", false),
    a("requestsPerMonth", usage.requestsPerMonth, "requests per month (requests/day × hours/24)"),
    a("inputTokens", usage.inputTokens, `input tokens per model call (${src})`),
    a("outputTokens", usage.outputTokens, `output tokens per request (${src})`),
    a("reasoningTokens", usage.reasoningTokens, "reasoning tokens per request, billed as output"),
    a("toolRoundTrips", usage.toolRoundTrips, `extra model calls per request for tool use; each re-sends the input (${t.calls} call(s), ${t.input} input tokens per request)`),
    a("cachedInputShare", usage.cachedInputShare, model.pricing.cacheReadPer1M === null ? "ignored: the model has no cache-read price" : "share of input read from the prompt cache; cache-write premiums not included"),
    a("batchShare", usage.batchShare, "share of requests sent through batch inference"),
    a("avgDurationMs", usage.avgDurationMs, `time a request occupies its compute (${src})`),
    a("growthRatePerMonth", usage.growthRatePerMonth, "traffic growth per month in the 12-month projection"),
    a("freeTier", usage.freeTier, "always-free offers applied (Lambda, SQS, X-Ray, DynamoDB storage); they are account-wide, other workloads may use them up"),
    a("legacyFreeTier", usage.legacyFreeTier, "legacy 12-month offers apply only to accounts created before 2025-07-15; newer accounts get credits instead"),
    a("infrastructure.logKbPerRequest", infra.logKbPerRequest, "CloudWatch Logs per request; the 5 GB free allowance is unverified and not applied"),
    a("infrastructure.logRetentionMonths", infra.logRetentionMonths, "months of logs stored"),
    a("infrastructure.dataOutKbPerRequest", infra.dataOutKbPerRequest, "response size sent to the internet; the 100 GB free allowance is unverified and not applied"),
    a("infrastructure.apiGateway", infra.apiGateway, "API in front of the agent (none = direct invoke or function URL)"),
    a("infrastructure.natGateways", infra.natGateways, "NAT gateways (0 = public subnets)"),
    a("infrastructure.publicIpv4Addresses", infra.publicIpv4Addresses, "public IPv4 addresses billed per hour"),
    a("infrastructure.secretCount", infra.secretCount, `secrets in Secrets Manager (secretsSource: ${spec.security.secretsSource})`),
    a("infrastructure.secretFetchesPerRequest", infra.secretFetchesPerRequest, "secret reads per request (0 = cached per container)"),
  ];
  if (d.target === "agentcore") {
    list.push(a("activeCpuShare", usage.activeCpuShare, "AgentCore bills CPU only while active; I/O wait (model calls) is not billed. Default 0.3 is a guess: measure and adjust"));
  }
  if (d.target === "ecs-fargate" || d.target === "agentcore") {
    list.push(a("infrastructure.containerImageGb", infra.containerImageGb, "container image stored in ECR"));
  }
  if (d.target === "ecs-fargate" || infra.natGateways > 0 || infra.publicIpv4Addresses > 0) {
    list.push(a("hoursPerMonth", usage.hoursPerMonth, "hours always-on resources run per month"));
  }
  if (spec.memory.type === "dynamodb") {
    list.push(a("infrastructure.dynamoWritesPerRequest", infra.dynamoWritesPerRequest, "conversation items written per request (≤ 1 KB each)"));
    list.push(a("infrastructure.dynamoReadsPerRequest", infra.dynamoReadsPerRequest, "read request units per request"));
  }
  if (spec.memory.type === "agentcore-memory") {
    list.push(a("infrastructure.agentcoreMemoryEventsPerRequest", infra.agentcoreMemoryEventsPerRequest, "short-term memory events per request; long-term records not included"));
  }
  if (usage.peakMemoryMb !== undefined) list.push(a("peakMemoryMb", usage.peakMemoryMb, "measured peak memory, used for right-sizing"));
  list.push(
    a("region", d.region, pricing.regions[d.region] ? "prices for this region are in registry/pricing.json" : "no prices for this region: infrastructure lines show price unknown", false),
    a("modelId", model.id, model.inferenceProfile ? `priced as the ${model.inferenceProfile} inference profile it is` : "priced at the in-region id's price", false),
    a("pricesVersion", pricing.version, pricing.caveat, false),
  );
  return list;
}

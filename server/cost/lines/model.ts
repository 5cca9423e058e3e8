import type { ModelEntry } from "../../registry/schema";
import type { AgentSpec } from "../../spec/agent-spec";
import { fmtNum } from "../format";
import { estimateModelMonthlyCost } from "../model-cost";
import type { CostUsage } from "../inputs";
import { amount, type Charge, type LineDraft } from "../line";

/** Tokens one request bills, after tool round trips, reasoning and the max-tokens cap. */
export function tokensPerRequest(spec: AgentSpec, usage: CostUsage) {
  const calls = 1 + usage.toolRoundTrips;
  const wanted = usage.outputTokens + usage.reasoningTokens;
  // A model never writes more than maxTokens per call, so the average cannot exceed it.
  const cap = spec.model.maxTokens * calls;
  return { calls, input: usage.inputTokens * calls, output: Math.min(wanted, cap), capped: wanted > cap };
}

const SERVICE: Record<ModelEntry["provider"], string> = {
  bedrock: "Bedrock model",
  openai: "OpenAI API",
  anthropic: "Anthropic API",
  google: "Google API",
  ollama: "Ollama (local)",
};

/** Registry prices for in-region Bedrock ids are us-east-1 prices; elsewhere they are unknown. */
const regionPriced = (model: ModelEntry, region: string) =>
  !(model.provider === "bedrock" && model.inferenceProfile === null && region !== "us-east-1");

/** On-demand and batch parts of the model bill, in USD (null = price unknown). */
function modelParts(model: ModelEntry, spec: AgentSpec, usage: CostUsage, region: string) {
  if (!regionPriced(model, region)) return null;
  const t = tokensPerRequest(spec, usage);
  const p = model.pricing;
  const onDemand = estimateModelMonthlyCost(model, {
    requestsPerMonth: usage.requestsPerMonth * (1 - usage.batchShare),
    inputTokens: t.input,
    outputTokens: t.output,
    cachedInputShare: usage.cachedInputShare,
  }).monthlyUsd;
  if (usage.batchShare === 0) return { t, onDemand, batch: null };
  const batchPricing = { ...p, inputPer1M: p.batchInputPer1M, outputPer1M: p.batchOutputPer1M, cacheReadPer1M: null };
  const batch = estimateModelMonthlyCost({ ...model, pricing: batchPricing }, {
    requestsPerMonth: usage.requestsPerMonth * usage.batchShare,
    inputTokens: t.input,
    outputTokens: t.output,
  }).monthlyUsd;
  return { t, onDemand, batch };
}

/** The model's monthly USD for this usage, unrounded; null = price unknown. */
export function modelMonthlyUsd(model: ModelEntry, spec: AgentSpec, usage: CostUsage, region: string): number | null {
  const parts = modelParts(model, spec, usage, region);
  if (!parts || parts.onDemand === null) return null;
  if (usage.batchShare === 0) return parts.onDemand;
  return parts.batch === null ? null : parts.onDemand + parts.batch;
}

/**
 * Model tokens priced at the exact id called: a `us.` profile costs what its own
 * registry entry says, not its base model. An in-region Bedrock id outside us-east-1
 * gives "price unknown".
 */
export function modelLine(model: ModelEntry, spec: AgentSpec, usage: CostUsage, region: string): LineDraft {
  const service = SERVICE[model.provider];
  const t = tokensPerRequest(spec, usage);
  const p = model.pricing;
  const head = (share: number) =>
    `${model.id}: ${fmtNum(usage.requestsPerMonth * share, 2)} requests × (${fmtNum(t.input, 2)} in + ${fmtNum(t.output, 2)} out) tokens`;
  const parts = modelParts(model, spec, usage, region);
  if (!parts) {
    return { service, category: "model", charges: [amount(() => `${head(1)}; no ${region} price for this in-region id in the registry`, null)] };
  }
  const cached = p.cacheReadPer1M !== null && usage.cachedInputShare > 0;
  const charges: Charge[] = [
    amount(() => {
      const rates = `$${p.inputPer1M ?? "?"} in${cached ? ` / $${p.cacheReadPer1M} cached` : ""} / $${p.outputPer1M ?? "?"} out per 1M`;
      const cache = cached ? `, ${fmtNum(usage.cachedInputShare * 100, 2)}% of input cached` : "";
      return `${head(1 - usage.batchShare)} at ${rates}${cache}${parts.onDemand === null ? " (price unknown)" : ""}`;
    }, parts.onDemand),
  ];
  if (usage.batchShare > 0) {
    const rates = `$${p.batchInputPer1M ?? "?"} in / $${p.batchOutputPer1M ?? "?"} out per 1M`;
    charges.push(amount(() => `batch: ${head(usage.batchShare)} at ${rates}${parts.batch === null ? " (batch price unknown)" : ""}`, parts.batch));
  }
  const note = t.capped ? `output capped at maxTokens ${spec.model.maxTokens} per call` : undefined;
  return { service, category: "model", charges, note };
}

import type { ModelEntry } from "../registry/schema";
import type { AgentSpec } from "../spec/agent-spec";
import type { CostUsage, CostUsageInput } from "./inputs";
import { fmtNum } from "./format";
import { tokensPerRequest } from "./lines/model";
import type { SpecPatch, SuggestionKind } from "./types";

/** A change to try; the evaluator prices it and keeps it only if it saves money. */
export type Candidate = {
  id: string;
  kind: SuggestionKind;
  title: string;
  detail: string;
  apply: SpecPatch;
  usagePatch?: Partial<CostUsageInput>;
};

/** Headroom over measured peak memory when right-sizing. */
const MEMORY_HEADROOM = 1.25;
const roundUp = (n: number, step: number) => Math.ceil(n / step) * step;

/** Prompt caching: the system prompt (≈ 4 characters a token) is the part every call repeats. */
function promptCaching(spec: AgentSpec, usage: CostUsage, model: ModelEntry): Candidate | null {
  const { cacheReadPer1M, inputPer1M } = model.pricing;
  if (model.capabilities.promptCaching !== true || cacheReadPer1M === null || inputPer1M === null) return null;
  if (cacheReadPer1M >= inputPer1M || usage.inputTokens === 0) return null;
  const promptTokens = Math.ceil(spec.systemPrompt.length / 4);
  const share = Math.min(1, Math.floor((promptTokens / usage.inputTokens) * 100) / 100);
  if (share <= usage.cachedInputShare) return null;
  const capabilities = [...new Set([...spec.requirements.capabilities, "promptCaching" as const])];
  return {
    id: "prompt-caching",
    kind: "prompt-caching",
    title: "Cache the system prompt",
    detail: `About ${fmtNum(promptTokens)} prompt tokens (${Math.round(share * 100)}% of each call's input) read from the cache at $${cacheReadPer1M} instead of $${inputPer1M} per 1M; cache-write premiums not included.`,
    apply: { requirements: { capabilities } },
    usagePatch: { cachedInputShare: share },
  };
}

function batchInference(usage: CostUsage, model: ModelEntry): Candidate | null {
  const p = model.pricing;
  if (p.batchInputPer1M === null || p.batchOutputPer1M === null || usage.batchShare >= 1) return null;
  return {
    id: "batch-inference",
    kind: "batch-inference",
    title: "Use batch inference for requests that can wait",
    detail: `Batch prices $${p.batchInputPer1M} in / $${p.batchOutputPer1M} out per 1M; saving shown if every request can wait for a batch job.`,
    apply: {},
    usagePatch: { batchShare: 1 },
  };
}

function infrastructure(spec: AgentSpec, usage: CostUsage): Candidate[] {
  const d = spec.deployment;
  const out: Candidate[] = [];
  if (d.target !== "agentcore" && d.architecture === "x86_64") {
    out.push({
      id: "arm64",
      kind: "arm64",
      title: "Run on ARM64 (Graviton)",
      detail: "Lower unit prices; Python and Node agents usually run unchanged.",
      apply: { deployment: { architecture: "arm64" } },
    });
  }
  const peak = usage.peakMemoryMb;
  if (d.target === "lambda") {
    const target = peak !== undefined ? Math.max(128, roundUp(peak * MEMORY_HEADROOM, 64)) : 512;
    if (target < d.memoryMb) {
      out.push({
        id: "right-size-memory",
        kind: "right-size-memory",
        title: `Lower Lambda memory to ${target} MB`,
        detail:
          peak !== undefined
            ? `Measured peak ${peak} MB plus 25% headroom.`
            : "Agents mostly wait on the model, so less memory rarely lengthens a request; check peak memory in a test run first.",
        apply: { deployment: { memoryMb: target } },
      });
    }
  }
  if (d.target === "ecs-fargate" && peak !== undefined) {
    const target = Math.max(512, roundUp(peak * MEMORY_HEADROOM, 512));
    if (target < d.memoryMb) {
      out.push({
        id: "right-size-memory",
        kind: "right-size-memory",
        title: `Lower task memory to ${target} MB`,
        detail: `Measured peak ${peak} MB plus 25% headroom.`,
        apply: { deployment: { memoryMb: target } },
      });
    }
  }
  if (d.target === "agentcore" && peak !== undefined) {
    const target = Math.max(0.5, roundUp((peak * MEMORY_HEADROOM) / 1024, 0.5));
    if (target < d.memoryGb) {
      out.push({
        id: "right-size-memory",
        kind: "right-size-memory",
        title: `Lower session memory to ${target} GB`,
        detail: `Measured peak ${peak} MB plus 25% headroom.`,
        apply: { deployment: { memoryGb: target } },
      });
    }
  }
  if (d.target === "ecs-fargate" && d.desiredCount > 1 && usage.hoursPerMonth > 0) {
    // Little's law: average requests in flight = arrival rate × time in system.
    const inFlight = (usage.requestsPerMonth / (usage.hoursPerMonth * 3600)) * (usage.avgDurationMs / 1000);
    const target = Math.max(1, Math.min(d.desiredCount - 1, Math.ceil(inFlight)));
    out.push({
      id: "fewer-tasks",
      kind: "fewer-tasks",
      title: `Run ${target} always-on task${target === 1 ? "" : "s"} instead of ${d.desiredCount}`,
      detail: `On average ${inFlight.toFixed(2)} requests are in flight; scale out on demand for peaks.`,
      apply: { deployment: { desiredCount: target } },
    });
  }
  return out;
}

/** Every non-model change worth pricing for this spec. */
export function candidates(spec: AgentSpec, usage: CostUsage, model: ModelEntry): Candidate[] {
  return [promptCaching(spec, usage, model), batchInference(usage, model), ...infrastructure(spec, usage)].filter(
    (c): c is Candidate => c !== null,
  );
}

/**
 * A lower max-tokens limit: twice the average output per call, in steps of 256. The
 * average estimate does not change; the worst case (every answer at the limit) does.
 */
export function maxTokensCandidate(spec: AgentSpec, usage: CostUsage, model: ModelEntry) {
  const t = tokensPerRequest(spec, usage);
  const target = Math.max(256, roundUp((2 * t.output) / t.calls, 256));
  const outPrice = model.pricing.outputPer1M;
  if (target >= spec.model.maxTokens || outPrice === null) return null;
  const worstCaseSavingUsd = ((spec.model.maxTokens - target) * t.calls * usage.requestsPerMonth * outPrice) / 1e6;
  return { target, worstCaseSavingUsd };
}

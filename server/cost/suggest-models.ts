import type { ModelEntry } from "../registry/schema";
import type { AgentSpec } from "../spec/agent-spec";
import type { CostUsage } from "./inputs";
import { modelMonthlyUsd } from "./lines/model";
import { fmtUsd } from "./format";
import { centsToUsd, toCents } from "./money";
import type { CostSuggestion } from "./types";

const MAX_MODEL_SUGGESTIONS = 3;

/**
 * Whether `candidate` can replace the spec's model without losing anything the agent
 * needs. A capability the registry does not know (null) does not qualify.
 */
export function qualifies(candidate: ModelEntry, current: ModelEntry, spec: AgentSpec, usage: CostUsage): boolean {
  if (candidate.id === current.id || candidate.status !== "active") return false;
  // Same provider and the same routing (in-region, or the same inference-profile scope):
  // the generated code, IAM and data residency stay as they are.
  if (candidate.provider !== current.provider || candidate.inferenceProfile !== current.inferenceProfile) return false;
  const needed = new Set(spec.requirements.capabilities);
  if (spec.tools.length > 0) needed.add("toolUse");
  for (const capability of needed) if (candidate.capabilities[capability] !== true) return false;
  const { inputPer1M, outputPer1M } = candidate.pricing;
  // A $0 list price is a placeholder (e.g. previews), not a real offer.
  if (!inputPer1M || !outputPer1M) return false;
  // contextWindow is the input limit; each call sends inputTokens.
  if (candidate.contextWindow === null || candidate.contextWindow < usage.inputTokens) return false;
  // Keeping maxTokens unchanged keeps every other line identical, so the saving is exact.
  if (candidate.maxOutputTokens === null || candidate.maxOutputTokens < spec.model.maxTokens) return false;
  return true;
}

/**
 * Cheaper qualified models, ranked by monthly saving. Only the model line depends on
 * the model id, so the saving is the difference of the two rounded model lines.
 */
export function suggestCheaperModels(
  spec: AgentSpec,
  usage: CostUsage,
  current: ModelEntry,
  models: readonly ModelEntry[],
): CostSuggestion[] {
  const region = spec.deployment.region;
  const base = modelMonthlyUsd(current, spec, usage, region);
  if (base === null) return [];
  const baseCents = toCents(base);
  const ranked: { model: ModelEntry; savingCents: number }[] = [];
  for (const candidate of models) {
    if (!qualifies(candidate, current, spec, usage)) continue;
    const monthly = modelMonthlyUsd(candidate, spec, usage, region);
    if (monthly === null) continue;
    const savingCents = baseCents - toCents(monthly);
    if (savingCents >= 1) ranked.push({ model: candidate, savingCents });
  }
  ranked.sort((a, b) => b.savingCents - a.savingCents || a.model.id.localeCompare(b.model.id));
  return ranked.slice(0, MAX_MODEL_SUGGESTIONS).map(({ model, savingCents }) => {
    const saving = centsToUsd(savingCents);
    const needs = [...spec.requirements.capabilities, ...(spec.tools.length > 0 ? ["toolUse"] : [])];
    return {
      id: `cheaper-model:${model.id}`,
      kind: "cheaper-model" as const,
      title: `Switch to ${model.name} (${model.id})`,
      detail:
        `Saves ${fmtUsd(saving)}/month at $${model.pricing.inputPer1M} in / $${model.pricing.outputPer1M} out per 1M tokens` +
        (needs.length > 0 ? `; keeps ${[...new Set(needs)].join(", ")}` : "") +
        ". Check answer quality in a test run before switching.",
      monthlySaving: saving,
      apply: { model: { id: model.id } },
    };
  });
}

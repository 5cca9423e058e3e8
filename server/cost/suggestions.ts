import type { ModelEntry } from "../registry/schema";
import type { AgentSpec } from "../spec/agent-spec";
import { draftLines, totalCents } from "./compute-lines";
import type { CostUsage } from "./inputs";
import { fmtUsd } from "./format";
import { centsToUsd, toCents } from "./money";
import type { PricingFile } from "./pricing";
import { mergePatch } from "./spec-patch";
import { candidates, maxTokensCandidate } from "./suggest-candidates";
import { suggestCheaperModels } from "./suggest-models";
import type { CostLine, CostSuggestion } from "./types";

/** Cents of the known lines and the names of the unknown ones, from rounded lines. */
export function summarize(lines: CostLine[]) {
  let cents = 0;
  let unknown = "";
  for (const line of lines) {
    if (line.monthly === null) unknown += `${line.service}|`;
    else cents += toCents(line.monthly);
  }
  return { cents, unknown };
}

/**
 * Optimisations ranked by monthly saving. Each candidate is priced by the same
 * computeLines as the estimate, with its patch applied, and kept only when it saves at
 * least a cent and leaves the set of unknown-price lines unchanged; so applying any
 * suggestion never raises the total.
 */
export function suggestSavings(
  spec: AgentSpec,
  usage: CostUsage,
  model: ModelEntry,
  models: readonly ModelEntry[],
  pricing: PricingFile,
  baseLines: CostLine[],
): CostSuggestion[] {
  const base = summarize(baseLines);
  const out: CostSuggestion[] = suggestCheaperModels(spec, usage, model, models);
  for (const c of candidates(spec, usage, model)) {
    const patchedSpec = mergePatch(spec, c.apply);
    const patchedUsage = c.usagePatch ? mergePatch(usage, c.usagePatch) : usage;
    const after = totalCents(draftLines(patchedSpec, patchedUsage, model, pricing));
    const savingCents = base.cents - after.cents;
    if (after.unknown !== base.unknown || savingCents < 1) continue;
    out.push({ ...c, detail: `${c.detail} Saves ${fmtUsd(centsToUsd(savingCents))}/month.`, monthlySaving: centsToUsd(savingCents) });
  }
  const lowerMax = maxTokensCandidate(spec, usage, model);
  if (lowerMax && toCents(lowerMax.worstCaseSavingUsd) >= 1) {
    const worst = centsToUsd(toCents(lowerMax.worstCaseSavingUsd));
    out.push({
      id: "max-output-tokens",
      kind: "max-output-tokens",
      title: `Lower max output tokens to ${lowerMax.target}`,
      detail: `Twice the average answer; caps the worst case (every answer at the limit) ${fmtUsd(worst)}/month lower. The average estimate does not change.`,
      monthlySaving: 0,
      worstCaseMonthlySaving: worst,
      apply: { model: { maxTokens: lowerMax.target } },
    });
  }
  return out.sort((a, b) => b.monthlySaving - a.monthlySaving || a.id.localeCompare(b.id));
}

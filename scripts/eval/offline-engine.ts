import { extractSpec } from "../../server/consultation/rules/extract-spec";
import { applyPlan, planModification } from "../../server/modifications/plan/plan";
import { planOutcome } from "../../server/modifications/plan/types";
import type { SpecRegistry } from "../../server/consultation/rules/registry-view";
import type { UnderstandingEngine } from "./run";

/** The rule engine, as consultation and the PM worker call it. */
export function offlineEngine(registry: SpecRegistry): UnderstandingEngine {
  return {
    name: "offline rules",
    async describe(text) {
      const result = extractSpec([{ role: "user", content: text }], {}, registry);
      return { spec: result.draft, words: result.unresolvedTools.join("; ") };
    },
    async change(spec, request, answers) {
      const plan = planModification(spec, request, registry, { answers });
      const next = plan.changes.length ? applyPlan(spec, plan) : spec;
      const outcome = planOutcome(plan);
      return { spec: next, words: `${plan.summary} ${plan.warnings.join(" ")}`, outcome: outcome === "not-understood" ? undefined : outcome };
    },
  };
}

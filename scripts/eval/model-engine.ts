import type { StructuredModel } from "../../server/llm/structured";
import { applyPlan } from "../../server/modifications/plan/plan";
import { planOutcome } from "../../server/modifications/plan/types";
import type { SpecRegistry } from "../../server/consultation/rules/registry-view";
import { planChange } from "../../server/understanding/model-plan";
import { offlineEngine } from "./offline-engine";
import type { UnderstandingEngine } from "./run";

/**
 * The configured model through the same validated path as the PM worker. Change requests go
 * to the model; descriptions use the rules (consultation turns do not call the model yet).
 */
export function modelEngine(model: StructuredModel, registry: SpecRegistry): UnderstandingEngine {
  const rules = offlineEngine(registry);
  return {
    name: `configured model ${model.label} (change requests; descriptions by the rules)`,
    describe: rules.describe,
    async change(spec, request, answers) {
      const plan = await planChange(spec, request, registry, { model, answers });
      const next = plan.changes.length ? applyPlan(spec, plan) : spec;
      const outcome = planOutcome(plan);
      return { spec: next, words: `${plan.summary} ${plan.warnings.join(" ")}`, outcome: outcome === "not-understood" ? undefined : outcome };
    },
  };
}

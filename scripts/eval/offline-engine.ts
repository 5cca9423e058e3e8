import { extractSpec } from "../../server/pipeline/extract-spec";
import { applyPlan, planModification } from "../../server/pipeline/modification/plan";
import type { SpecRegistry } from "../../server/pipeline/registry-view";
import type { UnderstandingEngine } from "./run";

/** The rule engine, as consultation and the PM worker call it. */
export function offlineEngine(registry: SpecRegistry): UnderstandingEngine {
  return {
    name: "offline rules",
    async describe(text) {
      const result = extractSpec([{ role: "user", content: text }], {}, registry);
      return { spec: result.draft, words: result.unresolvedTools.join("; ") };
    },
    async change(spec, request) {
      const plan = planModification(spec, request, registry);
      const next = plan.changes.length ? applyPlan(spec, plan) : spec;
      return { spec: next, words: `${plan.summary} ${plan.warnings.join(" ")}`, outcome: plan.changes.length ? "changed" : "no-change" };
    },
  };
}

import type { Modification } from "../../dynamo/modification-repo";
import { applyPlan } from "../plan/plan";
import { planOutcome, type ModificationPlan } from "../plan/types";
import { artifactsOf, type PlanArtifact } from "./artifacts";
import { parseOrFail, resolveBaseSpec } from "./base-spec";
import type { PipelineDeps } from "./deps";
import { transition } from "./transitions";

/** PM: plans which spec fields change and why; the plan and the target spec are its artifact. */
export async function runPm(deps: PipelineDeps, m: Modification): Promise<Modification> {
  let current = m.status === "queued" ? await transition(deps, m, { status: "planning", attempts: m.attempts + 1 }, "PM is planning") : m;
  const base = await resolveBaseSpec(deps, current);
  let plan: ModificationPlan;
  let targetSpec = base.spec;
  if (current.kind === "change") {
    plan = await deps.plan(base.spec, current.request, current.answers);
    const outcome = planOutcome(plan);
    // A plan that needs a value waits for the user's answer; the same modification resumes with it.
    if (outcome === "needs-input") return transition(deps, current, { status: "needs-input", artifacts: { ...artifactsOf(current), plan: { baseVersionId: base.versionId, plan, targetSpec: base.spec } } }, plan.summary);
    if (outcome === "no-change") return transition(deps, current, { status: "no-change", artifacts: { ...artifactsOf(current), plan: { baseVersionId: base.versionId, plan, targetSpec: base.spec } } }, plan.summary);
    if (outcome === "not-understood") return transition(deps, current, { status: "failed", error: plan.summary }, "nothing to change");
    targetSpec = parseOrFail(applyPlan(base.spec, plan), deps.registry.tools);
  } else {
    targetSpec = parseOrFail(current.spec ?? base.spec, deps.registry.tools);
    plan = specEditPlan(base.spec, targetSpec, current.kind === "generate" && !base.versionId);
  }
  deps.fault?.("pm:before-write", m.modificationId);
  const artifact: PlanArtifact = { baseVersionId: base.versionId, plan, targetSpec };
  current = await transition(deps, current, { status: "developing", artifacts: { ...artifactsOf(current), plan: artifact } }, plan.summary);
  deps.fault?.("pm:after-write", m.modificationId);
  return current;
}

/** A plan for an edited spec: one change per top-level field that differs. */
function specEditPlan(from: Record<string, unknown>, to: Record<string, unknown>, firstBuild: boolean): ModificationPlan {
  const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
  const changes = keys
    .filter((k) => JSON.stringify(from[k]) !== JSON.stringify(to[k]))
    .map((k) => ({ path: k, from: from[k], to: to[k], why: "edited in the spec" }));
  const summary = firstBuild ? "Generate the first version from the spec" : changes.length ? `Apply the edited spec (${changes.map((c) => c.path).join(", ")})` : "Regenerate from the current spec";
  return { summary, changes, patch: changes.map((c) => ({ op: "set" as const, path: c.path, value: c.to })), warnings: [], notUnderstood: [] };
}

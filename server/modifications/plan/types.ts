import { z } from "zod";
import type { AgentSpec } from "../../spec/agent-spec";
import type { SpecRegistry } from "../../consultation/rules/registry-view";

/**
 * The PM worker's plan artifact: which spec fields change, from what, to what and why.
 * It is stored with the Modification and read back by the Dev worker, so it has a schema.
 */
export const PlanChange = z.object({
  /** Dotted spec path, e.g. `deployment`, `tools`, `model.id`. */
  path: z.string().min(1),
  from: z.unknown(),
  to: z.unknown(),
  why: z.string().min(1),
});
export type PlanChange = z.infer<typeof PlanChange>;

export const PatchOp = z.object({ op: z.literal("set"), path: z.string().min(1), value: z.unknown() });
export type PatchOp = z.infer<typeof PatchOp>;

/** A setting the plan cannot fill by itself: asked for by its human name, answered by `param`. */
export const NeededInput = z.object({
  toolId: z.string().min(1),
  param: z.string().min(1),
  /** The setting's human name from the registry ("Slack workspace (team) ID"). */
  label: z.string().min(1),
  /** Where the answer lands in the planned spec, e.g. `tools.1.config.team_id`. */
  path: z.string().min(1),
});
export type NeededInput = z.infer<typeof NeededInput>;

export const ModificationPlan = z.object({
  summary: z.string().min(1),
  changes: z.array(PlanChange),
  /** The same edits as `changes`, as operations `applyPlan` replays in order. */
  patch: z.array(PatchOp),
  /** Things the user should know that are not changes (a tool that does not run on Lambda). */
  warnings: z.array(z.string()).default([]),
  /** Parts of the request no rule understood. */
  notUnderstood: z.array(z.string()).default([]),
  /** Required settings of added tools that the request did not give (the plan waits for them). */
  needsInput: z.array(NeededInput).optional(),
  /** Which engine made the plan: the offline rules or the configured model (validated). */
  engine: z.enum(["rules", "model"]).optional(),
});
export type ModificationPlan = z.infer<typeof ModificationPlan>;

/** What became of a request: the outcome the UI, API and CLI show. */
export type PlanOutcome = "changed" | "needs-input" | "no-change" | "not-understood";
export function planOutcome(plan: Pick<ModificationPlan, "changes" | "needsInput" | "notUnderstood">): PlanOutcome {
  if (plan.needsInput?.length) return "needs-input";
  if (plan.changes.length) return "changed";
  return plan.notUnderstood.length ? "not-understood" : "no-change";
}

/** One edit a rule proposes; the planner records `from` and applies it to its working copy. */
export type Edit = { path: string; to: unknown; why: string };
export type RuleOutcome = { edits: Edit[]; warnings?: string[]; notes?: string[] };

export type RuleContext = {
  /** The spec as changed by the clauses before this one. */
  spec: AgentSpec;
  /** The clause, normalised (lower case, single spaces). */
  clause: string;
  /** The clause as the user wrote it (names and quoted text keep their case). */
  original: string;
  /** "add" / "remove", carried over from an earlier clause ("add web search and code execution"). */
  verb?: "add" | "remove";
  registry: SpecRegistry;
};

/** A rule returns undefined when the clause is not about its subject. */
export type Rule = (ctx: RuleContext) => RuleOutcome | undefined;

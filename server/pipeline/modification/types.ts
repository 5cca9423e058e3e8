import { z } from "zod";
import type { AgentSpec } from "../../spec/agent-spec";
import type { SpecRegistry } from "../registry-view";

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

export const ModificationPlan = z.object({
  summary: z.string().min(1),
  changes: z.array(PlanChange),
  /** The same edits as `changes`, as operations `applyPlan` replays in order. */
  patch: z.array(PatchOp),
  /** Things the user should know that are not changes (a tool that does not run on Lambda). */
  warnings: z.array(z.string()).default([]),
  /** Parts of the request no rule understood. */
  notUnderstood: z.array(z.string()).default([]),
});
export type ModificationPlan = z.infer<typeof ModificationPlan>;

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

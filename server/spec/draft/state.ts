import type { ProjectContext } from "../../dynamo/context-repo";
import { assessCompleteness, type Completeness } from "../../consultation/rules/completeness";
import type { SpecDraft } from "../../consultation/rules/draft";
import { PHASES, type Phase, type WorkflowState } from "../../projects/workflow";
import type { ToolEntry } from "../../registry/schema";

/**
 * A project's spec draft as every reader sees it. The draft (spec fields plus the
 * extraction's `skippedPaths` and the `lockedPaths` of what the user chose) is the spec of
 * record; the workflow state and the cost assumptions sit beside it, not inside it.
 */
export type DraftState = {
  projectId: string;
  ownerId: string;
  /** Optimistic revision: every write is conditional on it. */
  rev: number;
  updatedAt: string;
  draft: SpecDraft;
  workflow: WorkflowState;
  /** Cost assumptions (usage overrides) the user set; the Cost and Models tabs share them. */
  assumptions: Record<string, unknown>;
};

export const phaseOf = (value: string): Phase => ((PHASES as readonly string[]).includes(value) ? (value as Phase) : "requirements");

export function stateOf(context: ProjectContext): DraftState {
  return {
    projectId: context.projectId,
    ownerId: context.ownerId,
    rev: context.rev,
    updatedAt: context.updatedAt,
    draft: { ...(context.draft as SpecDraft), lockedPaths: [...context.lockedPaths] },
    workflow: { phase: phaseOf(context.phase), auto: context.workflowAuto },
    assumptions: context.costAssumptions,
  };
}

/** The draft without bookkeeping, as a plain record (what generation and pricing read). */
export function specOf(state: Pick<DraftState, "draft">): Record<string, unknown> {
  const { lockedPaths: _l, skippedPaths: _s, ...spec } = state.draft;
  return spec;
}

/**
 * Completeness and the missing fields, derived from the draft on every read: several
 * tabs change the draft, so a stored score would go stale.
 */
export const deriveCompleteness = (state: Pick<DraftState, "draft">, tools: readonly ToolEntry[]): Completeness => assessCompleteness(state.draft, tools);

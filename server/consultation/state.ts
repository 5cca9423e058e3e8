import { saveContext, type ProjectContext } from "../dynamo/context-repo";
import { assessCompleteness, PHASES, type Phase, type PhaseChanged, type SpecDraft, type WorkflowState } from "../pipeline";
import type { SpecRegistry } from "../pipeline/registry-view";
import type { Platform } from "../platform/types";
import { publishEvent } from "../realtime/publish";
import type { AgentSpecDraft } from "../spec/agent-spec";

/**
 * How consultation state sits in ProjectContext. `draft` holds the spec draft with the
 * extraction's `skippedPaths`; `lockedPaths` has its own attribute (the Models, Tools and
 * Cost tabs lock paths there too). The workflow's `auto` flag is stored in the draft as
 * `workflowAuto: false` only after a go-back (absent means true): ProjectContext has no
 * attribute for it, and AgentSpec strips unknown keys, so it never reaches a spec.
 */
const AUTO_KEY = "workflowAuto";

export type ConsultationState = {
  projectId: string;
  phase: Phase;
  /** Whether a complete spec moves the project forward by itself (off after a go-back). */
  auto: boolean;
  rev: number;
  /** The spec draft, without bookkeeping. */
  draft: AgentSpecDraft;
  lockedPaths: string[];
  skippedPaths: string[];
  /** 0–1, recomputed on read: other tabs change the draft without rescoring it. */
  completeness: number;
  /** Dotted paths, most important first. */
  missing: string[];
  filled: string[];
};

export const phaseOf = (value: string): Phase => (PHASES as readonly string[]).includes(value) ? (value as Phase) : "requirements";

/** The draft as the extraction engine reads it: spec fields, skippedPaths and lockedPaths. */
export function specDraftOf(context: ProjectContext): SpecDraft {
  const { [AUTO_KEY]: _auto, ...draft } = context.draft;
  return { ...(draft as SpecDraft), lockedPaths: [...context.lockedPaths] };
}

export const workflowOf = (context: ProjectContext): WorkflowState => ({ phase: phaseOf(context.phase), auto: context.draft[AUTO_KEY] !== false });

export function describeState(context: ProjectContext, registry: SpecRegistry): ConsultationState {
  const draft = specDraftOf(context);
  const assessed = assessCompleteness(draft, registry.tools);
  const { lockedPaths: _l, skippedPaths, ...spec } = draft;
  const workflow = workflowOf(context);
  return {
    projectId: context.projectId,
    phase: workflow.phase,
    auto: workflow.auto,
    rev: context.rev,
    draft: spec,
    lockedPaths: [...context.lockedPaths],
    skippedPaths: skippedPaths ?? [],
    ...assessed,
  };
}

/**
 * Saves a draft and workflow state, conditional on `expectedRev` (a stale one is CONFLICT
 * and nothing is written), with the draft's completeness and missing fields.
 */
export function saveState(
  platform: Pick<Platform, "dynamo">,
  projectId: string,
  expectedRev: number,
  draft: SpecDraft,
  workflow: WorkflowState,
  registry: SpecRegistry,
): Promise<ProjectContext> {
  const { lockedPaths, ...rest } = draft;
  const { completeness, missing } = assessCompleteness(draft, registry.tools);
  const stored: Record<string, unknown> = { ...rest };
  delete stored[AUTO_KEY];
  if (!workflow.auto) stored[AUTO_KEY] = false;
  return saveContext(platform.dynamo, projectId, expectedRev, {
    draft: stored,
    lockedPaths: [...new Set(lockedPaths ?? [])].sort(),
    completeness,
    missing,
    phase: workflow.phase,
  });
}

/** Publishes each transition as a `phase.changed` project event, in order, after the save. */
export async function publishTransitions(platform: Pick<Platform, "dynamo" | "events">, projectId: string, events: readonly PhaseChanged[]): Promise<void> {
  for (const e of events) await publishEvent(platform, projectId, e.type, { from: e.from, to: e.to, reason: e.reason });
}

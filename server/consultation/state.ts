import type { Phase, PhaseChanged, WorkflowState } from "../projects/workflow";
import type { SpecDraft, SpecRegistry } from "./rules";
import type { Platform } from "../platform/types";
import { settingName } from "./rules/field-names";
import { touchProject } from "../projects/service";
import { publishEvent } from "../realtime/publish";
import { deriveCompleteness, openDraft, updateDraft, type DraftState } from "../spec/draft";
import type { AgentSpecDraft } from "../spec/agent-spec";
import { DomainError } from "../errors";

/** A consultation turn, edit or workflow step as the Consultation tab sees it. */
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
  /** 0–1, derived on read: other tabs change the draft too. */
  completeness: number;
  /** Dotted paths, most important first. */
  missing: string[];
  /** Each missing path in the user's words ("Knowledge base ID for Bedrock Knowledge Base"). */
  missingLabels: Record<string, string>;
  filled: string[];
};

export function describeState(state: DraftState, registry: SpecRegistry): ConsultationState {
  const { lockedPaths, skippedPaths, ...spec } = state.draft;
  const derived = deriveCompleteness(state, registry.tools);
  return {
    projectId: state.projectId,
    phase: state.workflow.phase,
    auto: state.workflow.auto,
    rev: state.rev,
    draft: spec,
    lockedPaths: [...(lockedPaths ?? [])],
    skippedPaths: skippedPaths ?? [],
    ...derived,
    missingLabels: Object.fromEntries(derived.missing.map((p) => [p, settingName(p, state.draft, registry.tools)])),
  };
}

export const staleRev = (what = "") => new DomainError("conflict", `This project changed in another tab or request. Reload to see the latest version${what}.`);

/** The draft at the revision the client saw, or CONFLICT before anything is written. */
export async function draftAt(platform: Pick<Platform, "dynamo">, projectId: string, ownerId: string, rev: number, what = ""): Promise<DraftState> {
  const state = await openDraft(platform.dynamo, projectId, ownerId);
  if (state.rev !== rev) throw staleRev(what);
  return state;
}

/**
 * Saves a consultation change (draft and workflow state) through the draft module,
 * conditional on the client's `rev`; after the commit the phase changes are published
 * and the project is touched (the dashboard sorts by last change).
 */
export function saveConsultation(
  deps: { platform: Pick<Platform, "dynamo" | "events" | "db">; registry: SpecRegistry },
  target: { projectId: string; ownerId: string; rev: number },
  change: { draft?: SpecDraft; workflow?: WorkflowState },
  events: readonly PhaseChanged[] = [],
  what = "",
): Promise<DraftState> {
  const { platform, registry } = deps;
  return updateDraft({ dynamo: platform.dynamo, tools: registry.tools }, target, () => change, {
    staleMessage: staleRev(what).message,
    afterCommit: async () => {
      await Promise.all([publishTransitions(platform, target.projectId, events), touchProject(platform.db, target.projectId)]);
    },
  });
}

/** Publishes each transition as a `phase.changed` project event, in order, after the save. */
export async function publishTransitions(platform: Pick<Platform, "dynamo" | "events">, projectId: string, events: readonly PhaseChanged[]): Promise<void> {
  for (const e of events) await publishEvent(platform, projectId, e.type, { from: e.from, to: e.to, reason: e.reason });
}

import { validateSpec, type AgentSpec } from "../agent-spec";
import { specOf, type DraftState } from "./state";
import { updateDraft, type DraftWriteDeps } from "./write";

/** The draft as a complete spec, or null while consultation still has gaps. */
export function completeSpecOf(state: DraftState): AgentSpec | null {
  const checked = validateSpec(specOf(state));
  return checked.ok ? checked.spec : null;
}

/**
 * After a version lands, the draft becomes its spec (the user's locks and skipped fields
 * kept), so the next change starts from what was built and the draft stays the one spec of
 * record. Nothing is written when the draft already says the same.
 */
export function syncDraftWithVersion(deps: DraftWriteDeps, target: { projectId: string; ownerId: string }, spec: AgentSpec): Promise<DraftState> {
  return updateDraft(
    deps,
    target,
    (current) => {
      const same = JSON.stringify(completeSpecOf(current)) === JSON.stringify(spec);
      return same ? null : { draft: { ...spec, lockedPaths: current.draft.lockedPaths, skippedPaths: current.draft.skippedPaths } };
    },
    { keepSystemPrompt: true },
  );
}

import { ensureContext, saveContext } from "../../dynamo/context-repo";
import type { DynamoService } from "../../dynamo/service";
import { DomainError } from "../../errors";
import type { SpecDraft } from "../../consultation/rules/draft";
import type { WorkflowState } from "../../projects/workflow";
import type { ToolEntry } from "../../registry/schema";
import { recomposeSystemPrompt } from "./system-prompt";
import { stateOf, type DraftState } from "./state";

/** What one write changes; anything left out stays as it is. */
export type DraftChange = { draft?: SpecDraft; workflow?: WorkflowState; assumptions?: Record<string, unknown> };

export type DraftWriteDeps = { dynamo: DynamoService; tools: readonly ToolEntry[] };

export type DraftTarget = {
  projectId: string;
  ownerId: string;
  /**
   * The revision the caller saw (a browser tab): a stale one is CONFLICT and nothing is
   * written. Without it the write applies to the latest draft and is retried once on a
   * concurrent write.
   */
  rev?: number;
};

export type DraftWriteOptions = {
  /** Store the system prompt as given (a generated version's own spec), without composing it again. */
  keepSystemPrompt?: boolean;
  /** Side effects that must follow the commit (events, touching the project); never run for a refused write. */
  afterCommit?: (saved: DraftState, before: DraftState) => Promise<unknown>;
  /** The CONFLICT message for a stale `rev` (what the user's tab should say). */
  staleMessage?: string;
};

export const STALE_DRAFT = "This project changed in another tab or request. Reload to see the latest version.";

/**
 * The one way a spec draft is written. Reads the draft, applies `change` (null: nothing
 * to write), recomposes the system prompt when its inputs changed (unless the user locked
 * it), and saves conditional on the revision read; after the commit, `afterCommit` runs.
 * @throws DomainError conflict for a stale `target.rev`, or a second concurrent write.
 */
export async function updateDraft(
  deps: DraftWriteDeps,
  target: DraftTarget,
  change: (current: DraftState) => DraftChange | null | Promise<DraftChange | null>,
  options: DraftWriteOptions = {},
): Promise<DraftState> {
  for (let attempt = 0; ; attempt++) {
    const before = stateOf(await ensureContext(deps.dynamo, target.projectId, target.ownerId));
    if (target.rev !== undefined && before.rev !== target.rev) throw new DomainError("conflict", options.staleMessage ?? STALE_DRAFT);
    const next = await change(before);
    if (next === null) return before;
    try {
      const stored = toStored(before, next, options.keepSystemPrompt ? null : deps.tools);
      const saved = stateOf(await saveContext(deps.dynamo, target.projectId, before.rev, stored));
      await options.afterCommit?.(saved, before);
      return saved;
    } catch (e) {
      const retry = target.rev === undefined && attempt === 0 && e instanceof DomainError && e.code === "conflict";
      if (retry) continue;
      if (e instanceof DomainError && e.code === "conflict" && options.staleMessage) throw new DomainError("conflict", options.staleMessage);
      throw e;
    }
  }
}

/** The attributes to store; `tools` null keeps the system prompt as given. */
function toStored(before: DraftState, next: DraftChange, tools: readonly ToolEntry[] | null) {
  const stored: Parameters<typeof saveContext>[3] = {};
  if (next.draft) {
    const draft = tools ? recomposeSystemPrompt(before.draft, next.draft, tools) : next.draft;
    const { lockedPaths, ...rest } = draft;
    stored.draft = rest;
    stored.lockedPaths = [...new Set(lockedPaths ?? [])].sort();
  }
  if (next.workflow) {
    stored.phase = next.workflow.phase;
    stored.workflowAuto = next.workflow.auto;
  }
  if (next.assumptions) stored.costAssumptions = next.assumptions;
  return stored;
}

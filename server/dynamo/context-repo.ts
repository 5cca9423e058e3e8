import { DomainError } from "../errors";
import type { DynamoService } from "./service";
import { isConditionFailure } from "./condition-failure";

/**
 * The stored item behind a project's spec draft. Read and written only through
 * server/spec/draft, which derives completeness on read (it is never stored).
 */
export type ProjectContext = {
  projectId: string;
  ownerId: string;
  phase: string;
  draft: Record<string, unknown>;
  lockedPaths: string[];
  /** The workflow's auto flag: false only after a go-back. */
  workflowAuto: boolean;
  /** Cost assumptions (usage overrides) the user set in the Cost tab. */
  costAssumptions: Record<string, unknown>;
  rev: number;
  updatedAt: string;
};

/** Before workflowAuto had its own attribute it sat in the draft (`draft.workflowAuto: false`). */
const LEGACY_AUTO_KEY = "workflowAuto";

type StoredContext = Pick<ProjectContext, "projectId" | "ownerId" | "phase" | "rev" | "updatedAt"> & {
  draft?: unknown;
  lockedPaths?: string[];
  workflowAuto?: boolean;
  costAssumptions?: unknown;
};
const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

function toDomain(d: StoredContext): ProjectContext {
  const { [LEGACY_AUTO_KEY]: legacyAuto, ...draft } = isRecord(d.draft) ? d.draft : {};
  return {
    projectId: d.projectId,
    ownerId: d.ownerId,
    phase: d.phase,
    draft,
    lockedPaths: d.lockedPaths ?? [],
    workflowAuto: d.workflowAuto ?? legacyAuto !== false,
    costAssumptions: isRecord(d.costAssumptions) ? d.costAssumptions : {},
    rev: d.rev,
    updatedAt: d.updatedAt,
  };
}

export async function getContext(dynamo: DynamoService, projectId: string): Promise<ProjectContext | null> {
  const { data } = await dynamo.entities.projectContext.get({ projectId }).go();
  return data ? toDomain(data) : null;
}

/** A project's context before anything is stored: phase requirements, an empty draft. */
export const freshContext = (projectId: string, ownerId: string): ProjectContext => ({
  projectId,
  ownerId,
  phase: "requirements",
  draft: {},
  lockedPaths: [],
  workflowAuto: true,
  costAssumptions: {},
  rev: 1,
  updatedAt: new Date().toISOString(),
});

/** Creates the context if it does not exist yet; returns the stored one either way. */
export async function ensureContext(dynamo: DynamoService, projectId: string, ownerId: string): Promise<ProjectContext> {
  const existing = await getContext(dynamo, projectId);
  if (existing) return existing;
  const fresh = freshContext(projectId, ownerId);
  try {
    await dynamo.entities.projectContext.create(fresh).go();
    return fresh;
  } catch (e) {
    // Only the race is expected: another request created it first (create is conditional on absence).
    if (!isConditionFailure(e)) throw e;
    const created = await getContext(dynamo, projectId);
    if (!created) throw e;
    return created;
  }
}

/**
 * Optimistic locking: the write succeeds only if `rev` is still `expectedRev`; otherwise
 * CONFLICT, and the caller reloads. Nothing is overwritten silently.
 */
export async function saveContext(
  dynamo: DynamoService,
  projectId: string,
  expectedRev: number,
  changes: Partial<Pick<ProjectContext, "phase" | "draft" | "lockedPaths" | "workflowAuto" | "costAssumptions">>,
): Promise<ProjectContext> {
  try {
    const { data } = await dynamo.entities.projectContext
      .patch({ projectId })
      .set({ ...changes, rev: expectedRev + 1, updatedAt: new Date().toISOString() })
      .where(({ rev }, { eq }) => eq(rev, expectedRev))
      .go({ response: "all_new" });
    return toDomain(data as StoredContext);
  } catch (e) {
    if (isConditionFailure(e)) throw new DomainError("conflict", "This project changed in another tab or request. Reload to see the latest version.");
    throw e;
  }
}

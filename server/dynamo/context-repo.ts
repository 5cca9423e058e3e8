import { DomainError } from "../errors";
import type { DynamoService } from "./service";

export type ProjectContext = {
  projectId: string;
  ownerId: string;
  phase: string;
  draft: Record<string, unknown>;
  lockedPaths: string[];
  completeness: number;
  missing: string[];
  rev: number;
  updatedAt: string;
};

type StoredContext = Omit<ProjectContext, "draft" | "lockedPaths" | "missing" | "completeness"> & { draft?: unknown; lockedPaths?: string[]; missing?: string[]; completeness?: number };
const toDomain = (d: StoredContext): ProjectContext => ({ ...d, draft: (d.draft ?? {}) as Record<string, unknown>, lockedPaths: d.lockedPaths ?? [], missing: d.missing ?? [], completeness: d.completeness ?? 0 });

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
  completeness: 0,
  missing: [],
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
  } catch {
    // Another request created it first.
    return (await getContext(dynamo, projectId))!;
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
  changes: Partial<Pick<ProjectContext, "phase" | "draft" | "lockedPaths" | "completeness" | "missing">>,
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

export function isConditionFailure(e: unknown): boolean {
  const text = `${(e as { name?: string }).name} ${(e as Error).message} ${String((e as { cause?: unknown }).cause)}`;
  return /ConditionalCheckFailed|conditional request failed/i.test(text);
}

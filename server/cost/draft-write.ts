import type { Db } from "../db/client";
import { ensureContext, saveContext, type ProjectContext } from "../dynamo/context-repo";
import type { DynamoService } from "../dynamo/service";
import { DomainError } from "../errors";
import { touchProject } from "../projects/service";
import { mergePatch } from "./spec-patch";

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Dotted paths of a patch's leaves (arrays are leaves): what the user chose, to lock. */
export function leafPaths(patch: unknown, prefix = ""): string[] {
  if (!isPlainObject(patch)) return prefix ? [prefix] : [];
  return Object.entries(patch).flatMap(([k, v]) => (v === undefined ? [] : leafPaths(v, prefix ? `${prefix}.${k}` : k)));
}

/**
 * Applies `change` to the project's spec draft (the spec of record, which the Models and
 * Tools tabs read too) with the context's optimistic `rev`, and locks the changed paths so
 * a later extraction turn keeps the user's choice. A concurrent write (CONFLICT) is retried
 * once on the reloaded draft; a second one fails and nothing is written.
 */
export async function writeDraft(
  deps: { db: Db; dynamo: DynamoService },
  projectId: string,
  ownerId: string,
  change: (draft: Record<string, unknown>) => Record<string, unknown> | Promise<Record<string, unknown>>,
  lockPaths: string[],
): Promise<ProjectContext> {
  for (let attempt = 0; ; attempt++) {
    const context = await ensureContext(deps.dynamo, projectId, ownerId);
    const draft = await change(context.draft);
    const lockedPaths = [...new Set([...context.lockedPaths, ...lockPaths])].sort();
    try {
      const saved = await saveContext(deps.dynamo, projectId, context.rev, { draft, lockedPaths });
      // The dashboard sorts by last change.
      await touchProject(deps.db, projectId);
      return saved;
    } catch (e) {
      if (attempt === 0 && e instanceof DomainError && e.code === "conflict") continue;
      throw e;
    }
  }
}

/** writeDraft for a SpecPatch: deep-merged, its leaves locked. */
export const patchDraft = (deps: { db: Db; dynamo: DynamoService }, projectId: string, ownerId: string, patch: unknown) =>
  writeDraft(deps, projectId, ownerId, (draft) => mergePatch(draft, patch), leafPaths(patch));

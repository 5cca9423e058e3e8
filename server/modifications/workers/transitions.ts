import { updateModification, type Modification } from "../../dynamo/modification-repo";
import { publishEvent } from "../../realtime/publish";
import type { PipelineDeps } from "./deps";

export type ModificationEventPayload = Pick<Modification, "modificationId" | "status" | "qaLoops" | "error" | "resultVersionId" | "request"> & { step?: string; detail?: string };

/**
 * Moves a modification on with a write conditional on its revision (a concurrent or
 * duplicate worker gets CONFLICT and backs off), then publishes the change. Side effects
 * that must follow the write (enqueueing) are the caller's, after this returns.
 */
export async function transition(deps: Pick<PipelineDeps, "platform">, current: Modification, changes: Parameters<typeof updateModification>[2], detail?: string): Promise<Modification> {
  const next = await updateModification(deps.platform.dynamo, current, changes);
  await publishEvent(deps.platform, next.projectId, "modification.updated", {
    modificationId: next.modificationId,
    request: next.request,
    status: next.status,
    qaLoops: next.qaLoops,
    error: next.error,
    resultVersionId: next.resultVersionId,
    detail,
  } satisfies ModificationEventPayload);
  return next;
}

import { ensureContext, freshContext, getContext } from "../../dynamo/context-repo";
import type { DynamoService } from "../../dynamo/service";
import { stateOf, type DraftState } from "./state";

/** The project's draft; a project without one reads as a fresh, empty draft (a read never writes). */
export async function readDraft(dynamo: DynamoService, projectId: string, ownerId: string): Promise<DraftState> {
  return stateOf((await getContext(dynamo, projectId)) ?? freshContext(projectId, ownerId));
}

/** The project's draft, created empty if it does not exist yet (before a write at its revision). */
export async function openDraft(dynamo: DynamoService, projectId: string, ownerId: string): Promise<DraftState> {
  return stateOf(await ensureContext(dynamo, projectId, ownerId));
}

/** The project's stored draft, or null before anything was stored (readers that know no owner). */
export async function findDraft(dynamo: DynamoService, projectId: string): Promise<DraftState | null> {
  const context = await getContext(dynamo, projectId);
  return context ? stateOf(context) : null;
}

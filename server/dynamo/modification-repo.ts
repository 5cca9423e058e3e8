import { DomainError } from "../errors";
import { isConditionFailure } from "./condition-failure";
import type { DynamoService } from "./service";
import type { MODIFICATION_STATUSES } from "./entities/modification";

export type ModificationStatus = (typeof MODIFICATION_STATUSES)[number];
export type Modification = {
  modificationId: string;
  projectId: string;
  ownerId: string;
  kind: "change" | "spec" | "generate";
  request: string;
  spec?: unknown;
  requestId?: string;
  status: ModificationStatus;
  attempts: number;
  qaLoops: number;
  error?: string;
  baseVersionId?: string;
  resultVersionId?: string;
  artifacts?: unknown;
  answers?: Record<string, string>;
  rev: number;
  createdAt: string;
  updatedAt: string;
};

const toDomain = (m: Record<string, unknown>) => ({ attempts: 0, qaLoops: 0, kind: "change", ...m }) as Modification;

export async function createModification(dynamo: DynamoService, m: Omit<Modification, "rev" | "createdAt" | "updatedAt" | "attempts" | "qaLoops" | "kind"> & { kind?: Modification["kind"] }): Promise<Modification> {
  const now = new Date().toISOString();
  const item = { kind: "change" as const, ...m, attempts: 0, qaLoops: 0, rev: 1, createdAt: now, updatedAt: now };
  await dynamo.entities.modification.create(item).go();
  return item;
}

export async function getModification(dynamo: DynamoService, modificationId: string): Promise<Modification | null> {
  const { data } = await dynamo.entities.modification.query.byId({ modificationId }).go({ limit: 1 });
  return data[0] ? toDomain(data[0]) : null;
}

/** A project's modifications, newest first (ids are ULIDs, so sort-key order is time order). */
export async function listModifications(dynamo: DynamoService, projectId: string, limit = 50): Promise<Modification[]> {
  const { data } = await dynamo.entities.modification.query.byProject({ projectId }).go({ order: "desc", limit });
  return data.map(toDomain);
}

/** Modifications in one status (start-up recovery re-enqueues the non-terminal ones). */
export async function listModificationsByStatus(dynamo: DynamoService, status: ModificationStatus): Promise<Modification[]> {
  const { data } = await dynamo.entities.modification.query.byStatus({ status }).go({ pages: "all" });
  return data.map(toDomain);
}

/** Conditional on `rev`: a stale writer gets CONFLICT and must reload. */
export async function updateModification(
  dynamo: DynamoService,
  current: Pick<Modification, "projectId" | "modificationId" | "rev">,
  changes: Partial<Omit<Modification, "projectId" | "modificationId" | "rev" | "createdAt">>,
): Promise<Modification> {
  try {
    const { data } = await dynamo.entities.modification
      .patch({ projectId: current.projectId, modificationId: current.modificationId })
      .set({ ...changes, rev: current.rev + 1, updatedAt: new Date().toISOString() })
      .where(({ rev }, { eq }) => eq(rev, current.rev))
      .go({ response: "all_new" });
    return toDomain(data);
  } catch (e) {
    if (isConditionFailure(e)) throw new DomainError("conflict", `Modification '${current.modificationId}' changed concurrently`);
    throw e;
  }
}

/** Every modification of a project, in any status. */
export async function listAllModificationsOf(dynamo: DynamoService, projectId: string): Promise<Modification[]> {
  const { data } = await dynamo.entities.modification.query.byProject({ projectId }).go({ pages: "all" });
  return data.map(toDomain);
}

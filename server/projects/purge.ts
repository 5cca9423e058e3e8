import { and, eq, ne, or } from "drizzle-orm";
import type { Db } from "../db/client";
import { generatedCode } from "../db/schema";
import type { DynamoService } from "../dynamo/service";
import type { Platform } from "../platform";
import { artifactBlobKeys, inFlightBlobKeys } from "../versions/blob-gc";
import { deleteProject, getOwnedProject } from "./service";

/** Every DynamoDB entity keyed by project (their `byProject` index is the item's own key). */
const PROJECT_ENTITIES = ["projectContext", "conversationMessage", "projectFile", "modification", "projectEvent", "eventCounter"] as const;

type ByProjectEntity = {
  query: { byProject(k: { projectId: string }): { go(o: { pages: "all" }): Promise<{ data: Record<string, unknown>[] }> } };
  delete(items: Record<string, unknown>[]): { go(): Promise<{ unprocessed: unknown[] }> };
};

/** Deletes every DynamoDB item of a project: context, conversation, files, modifications, events. */
export async function purgeProjectItems(dynamo: DynamoService, projectId: string): Promise<number> {
  let deleted = 0;
  for (const name of PROJECT_ENTITIES) {
    const entity = dynamo.entities[name] as unknown as ByProjectEntity;
    const { data } = await entity.query.byProject({ projectId }).go({ pages: "all" });
    if (data.length === 0) continue;
    const { unprocessed } = await entity.delete(data).go();
    if (unprocessed.length > 0) throw new Error(`${unprocessed.length} ${name} items of ${projectId} were not deleted`);
    deleted += data.length;
  }
  return deleted;
}

/**
 * Blob keys the project's versions and in-flight modifications point at, each with when the
 * project last stored a reference to it (a version's row, a modification's update).
 */
async function projectBlobKeys(p: Platform, projectId: string): Promise<Map<string, number>> {
  const keys = new Map<string, number>();
  const note = (key: string, at: number) => keys.set(key, Math.max(keys.get(key) ?? 0, at));
  const rows = await p.db.select({ blobKey: generatedCode.blobKey, zipBlobKey: generatedCode.zipBlobKey, createdAt: generatedCode.createdAt }).from(generatedCode).where(eq(generatedCode.projectId, projectId));
  for (const r of rows) for (const k of [r.blobKey, r.zipBlobKey]) if (k) note(k, r.createdAt.getTime());
  const { data: mods } = await p.dynamo.entities.modification.query.byProject({ projectId }).go({ pages: "all" });
  // Artifacts are free-form; the Dev step's file set key is the blob an unfinished change made.
  for (const m of mods) for (const k of artifactBlobKeys(m)) note(k, Date.parse(m.updatedAt));
  return keys;
}

/**
 * Whether this project's blob can go now: no other project's version or unfinished change
 * references it, and nobody wrote or touched it after this project's last reference (another
 * writer reusing it this very moment, before its reference is stored). One kept for the
 * latter reason is collected by versions/blob-gc.ts after its grace period if it stays unused.
 */
async function deletableNow(p: Platform, projectId: string, key: string, referencedAt: number, inFlightElsewhere: Set<string>): Promise<boolean> {
  if (inFlightElsewhere.has(key) || (await referencedElsewhere(p.db, key, projectId))) return false;
  const modified = await p.blobs.lastModified(key);
  return modified !== null && modified.getTime() <= referencedAt;
}

/** Blobs are content-addressed: identical file sets of other projects share them. */
async function referencedElsewhere(db: Db, key: string, projectId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: generatedCode.id })
    .from(generatedCode)
    .where(and(ne(generatedCode.projectId, projectId), or(eq(generatedCode.blobKey, key), eq(generatedCode.zipBlobKey, key))))
    .limit(1);
  return Boolean(row);
}

/**
 * Deletes a project and everything stored for it: DynamoDB items, its blobs nobody else uses
 * (deletableNow), then the Postgres row (versions, selections, runs, estimates go with it
 * by cascade). The row goes last so a delete that fails halfway can simply be repeated; the
 * items are swept once more after it for writers (workers) that were still running.
 */
export async function deleteProjectEverywhere(p: Platform, ownerId: string, projectId: string): Promise<void> {
  await getOwnedProject(p.db, ownerId, projectId);
  const blobKeys = await projectBlobKeys(p, projectId);
  await purgeProjectItems(p.dynamo, projectId);
  const inFlightElsewhere = await inFlightBlobKeys(p.dynamo, projectId);
  for (const [key, referencedAt] of blobKeys) if (await deletableNow(p, projectId, key, referencedAt, inFlightElsewhere)) await p.blobs.delete(key);
  await deleteProject(p.db, ownerId, projectId);
  await purgeProjectItems(p.dynamo, projectId);
}

import { and, eq, ne, or } from "drizzle-orm";
import type { Db } from "../db/client";
import { generatedCode } from "../db/schema";
import type { DynamoService } from "../dynamo/service";
import type { Platform } from "../platform";
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

/** Blob keys the project's versions and in-flight modifications point at. */
async function projectBlobKeys(p: Platform, projectId: string): Promise<Set<string>> {
  const rows = await p.db.select({ blobKey: generatedCode.blobKey, zipBlobKey: generatedCode.zipBlobKey }).from(generatedCode).where(eq(generatedCode.projectId, projectId));
  const keys = new Set(rows.flatMap((r) => [r.blobKey, r.zipBlobKey].filter((k): k is string => Boolean(k))));
  const { data: mods } = await p.dynamo.entities.modification.query.byProject({ projectId }).go({ pages: "all" });
  // Artifacts are free-form; the Dev step's file set key is the blob an unfinished change made.
  for (const m of mods) for (const k of JSON.stringify(m.artifacts ?? {}).match(/(?:filesets|zips)\/[0-9a-f]+\.(?:json|zip)/g) ?? []) keys.add(k);
  return keys;
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
 * Deletes a project and everything stored for it: DynamoDB items, blobs no other project's
 * version references, then the Postgres row (versions, selections, runs, estimates go with it
 * by cascade). The row goes last so a delete that fails halfway can simply be repeated; the
 * items are swept once more after it for writers (workers) that were still running.
 */
export async function deleteProjectEverywhere(p: Platform, ownerId: string, projectId: string): Promise<void> {
  await getOwnedProject(p.db, ownerId, projectId);
  const blobKeys = await projectBlobKeys(p, projectId);
  await purgeProjectItems(p.dynamo, projectId);
  for (const key of blobKeys) if (!(await referencedElsewhere(p.db, key, projectId))) await p.blobs.delete(key);
  await deleteProject(p.db, ownerId, projectId);
  await purgeProjectItems(p.dynamo, projectId);
}

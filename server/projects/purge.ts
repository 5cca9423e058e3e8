import { listAllModificationsOf } from "../dynamo/modification-repo";
import { purgeProjectItems } from "../dynamo/project-items-repo";
import type { Platform } from "../platform";
import { artifactBlobKeys, inFlightBlobKeys } from "../versions/blob-gc";
import { isBlobReferenced, listVersionBlobRefs } from "../versions/version-repo";
import { deleteProject, getOwnedProject } from "./service";

/**
 * Blob keys the project's versions and in-flight modifications point at, each with when the
 * project last stored a reference to it (a version's row, a modification's update).
 */
async function projectBlobKeys(p: Platform, projectId: string): Promise<Map<string, number>> {
  const keys = new Map<string, number>();
  const note = (key: string, at: number) => keys.set(key, Math.max(keys.get(key) ?? 0, at));
  const rows = await listVersionBlobRefs(p.db, projectId);
  for (const r of rows) for (const k of [r.blobKey, r.zipBlobKey]) if (k) note(k, r.createdAt.getTime());
  const mods = await listAllModificationsOf(p.dynamo, projectId);
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
  // Blobs are content-addressed: identical file sets of other projects share them.
  if (inFlightElsewhere.has(key) || (await isBlobReferenced(p.db, key, projectId))) return false;
  const modified = await p.blobs.lastModified(key);
  return modified !== null && modified.getTime() <= referencedAt;
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

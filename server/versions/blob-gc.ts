import { listModificationsByStatus, type Modification } from "../dynamo/modification-repo";
import type { DynamoService } from "../dynamo/service";
import type { Platform } from "../platform/types";
import { ACTIVE } from "../modifications/workers/job";
import { isBlobReferenced } from "./version-repo";

/** The content-addressed blobs (versions.service.ts fileSetKey/zipKey), shared by every version with the same bytes. */
export const GC_PREFIXES = ["filesets/", "zips/"] as const;
/**
 * How long an unreferenced blob is kept after it was last written or touched. A writer touches
 * (or writes) a blob before it stores the reference to it (Dev: the modification's artifact;
 * Ops: the version row), milliseconds later; an hour leaves room for any stall in between.
 */
export const BLOB_GC_GRACE_MS = 60 * 60_000;

const KEY_IN_ARTIFACTS = /(?:filesets|zips)\/[0-9a-f]+\.(?:json|zip)/g;

/** The blob keys a modification's artifacts point at (Dev's file sets, before any version exists). */
export const artifactBlobKeys = (m: Pick<Modification, "artifacts">): string[] => JSON.stringify(m.artifacts ?? {}).match(KEY_IN_ARTIFACTS) ?? [];

/** Blobs unfinished modifications point at, across all projects. */
export async function inFlightBlobKeys(dynamo: DynamoService, exceptProjectId?: string): Promise<Set<string>> {
  const keys = new Set<string>();
  for (const status of ACTIVE) {
    for (const m of await listModificationsByStatus(dynamo, status)) if (m.projectId !== exceptProjectId) for (const k of artifactBlobKeys(m)) keys.add(k);
  }
  return keys;
}

export type BlobGcReport = { scanned: number; deleted: string[]; keptReferenced: number; keptFresh: number };

/**
 * Deletes the content-addressed blobs that no version and no unfinished modification
 * references and that nobody wrote or touched within the grace period. Listing comes first
 * and each candidate's time is read again just before it goes, so a writer that reused the
 * blob (touching it) after the listing keeps it.
 */
export async function collectBlobGarbage(p: Pick<Platform, "db" | "dynamo" | "blobs">, o: { graceMs?: number; now?: Date } = {}): Promise<BlobGcReport> {
  const cutoff = (o.now ?? new Date()).getTime() - (o.graceMs ?? BLOB_GC_GRACE_MS);
  const report: BlobGcReport = { scanned: 0, deleted: [], keptReferenced: 0, keptFresh: 0 };
  const candidates: string[] = [];
  for (const prefix of GC_PREFIXES) {
    for await (const blob of p.blobs.list(prefix)) {
      report.scanned++;
      if (blob.lastModified.getTime() < cutoff) candidates.push(blob.key);
      else report.keptFresh++;
    }
  }
  const inFlight = await inFlightBlobKeys(p.dynamo);
  for (const key of candidates) {
    if (inFlight.has(key) || (await isBlobReferenced(p.db, key))) {
      report.keptReferenced++;
      continue;
    }
    const modified = await p.blobs.lastModified(key);
    if (!modified) continue;
    if (modified.getTime() >= cutoff) {
      report.keptFresh++;
      continue;
    }
    await p.blobs.delete(key);
    report.deleted.push(key);
  }
  return report;
}

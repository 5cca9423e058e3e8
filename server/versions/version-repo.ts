import { and, desc, eq, max, ne, or } from "drizzle-orm";
import type { Db } from "../db/client";
import { isUniqueViolation } from "../db/errors";
import { generatedCode, type FileManifestEntry } from "../db/schema";
import type { VerificationResult } from "../generation/verify/types";
import { createId } from "../ids";

/** generated_code: one row per version of a project; the files themselves are blobs. */

export type { FileManifestEntry };
export type VersionSummary = {
  id: string;
  projectId: string;
  version: number;
  specHash: string;
  contentHash: string;
  fileCount: number;
  totalBytes: number;
  zipBytes: number | null;
  modificationId: string | null;
  verification: VerificationResult | null;
  createdAt: Date;
};
export type Version = VersionSummary & { manifest: FileManifestEntry[]; blobKey: string; zipBlobKey: string | null };
export type NewVersion = Omit<Version, "id" | "version" | "createdAt">;

/** How often an insert retries after another writer took the same version number. */
const VERSION_RACE_RETRIES = 5;

/**
 * Inserts `values` as the project's next version number. Two writers that take the same
 * number are told apart by the unique index, and the loser retries with the next; a
 * modification that already has its version (a raced redelivery) gets that version back.
 */
export async function insertNextVersion(db: Db, values: NewVersion): Promise<Version> {
  for (let attempt = 0; ; attempt++) {
    const [{ current } = { current: 0 }] = await db.select({ current: max(generatedCode.version) }).from(generatedCode).where(eq(generatedCode.projectId, values.projectId));
    try {
      const [row] = await db.insert(generatedCode).values({ ...values, id: createId("version"), version: (current ?? 0) + 1 }).returning();
      return toVersion(row!);
    } catch (e) {
      if (attempt < VERSION_RACE_RETRIES && isUniqueViolation(e, "generated_code_project_version_uq")) continue;
      if (values.modificationId && isUniqueViolation(e, "generated_code_modification_uq")) {
        const raced = await findVersionByModification(db, values.modificationId);
        if (raced) return raced;
      }
      throw e;
    }
  }
}

/** The version a modification produced, if any (one per modification: a unique index). */
export async function findVersionByModification(db: Db, modificationId: string): Promise<Version | null> {
  const [row] = await db.select().from(generatedCode).where(eq(generatedCode.modificationId, modificationId)).limit(1);
  return row ? toVersion(row) : null;
}

/** The project's versions, newest first. */
export async function listVersionsOf(db: Db, projectId: string): Promise<Version[]> {
  const rows = await db.select().from(generatedCode).where(eq(generatedCode.projectId, projectId)).orderBy(desc(generatedCode.version));
  return rows.map(toVersion);
}

export async function findLatestVersion(db: Db, projectId: string): Promise<Version | null> {
  const [row] = await db.select().from(generatedCode).where(eq(generatedCode.projectId, projectId)).orderBy(desc(generatedCode.version)).limit(1);
  return row ? toVersion(row) : null;
}

export async function findVersion(db: Db, projectId: string, versionId: string): Promise<Version | null> {
  const [row] = await db.select().from(generatedCode).where(and(eq(generatedCode.id, versionId), eq(generatedCode.projectId, projectId))).limit(1);
  return row ? toVersion(row) : null;
}

/** The blobs the project's versions point at, with when each version was stored. */
export async function listVersionBlobRefs(db: Db, projectId: string): Promise<{ blobKey: string; zipBlobKey: string | null; createdAt: Date }[]> {
  return db.select({ blobKey: generatedCode.blobKey, zipBlobKey: generatedCode.zipBlobKey, createdAt: generatedCode.createdAt }).from(generatedCode).where(eq(generatedCode.projectId, projectId));
}

/** Whether a version (of any project but `exceptProjectId`) points at the blob as its file set or its ZIP. */
export async function isBlobReferenced(db: Db, key: string, exceptProjectId?: string): Promise<boolean> {
  const refersTo = or(eq(generatedCode.blobKey, key), eq(generatedCode.zipBlobKey, key));
  const [row] = await db
    .select({ id: generatedCode.id })
    .from(generatedCode)
    .where(exceptProjectId === undefined ? refersTo : and(ne(generatedCode.projectId, exceptProjectId), refersTo))
    .limit(1);
  return Boolean(row);
}

function toVersion(r: typeof generatedCode.$inferSelect): Version {
  return {
    id: r.id,
    projectId: r.projectId,
    version: r.version,
    specHash: r.specHash,
    contentHash: r.contentHash,
    fileCount: r.fileCount,
    totalBytes: r.totalBytes,
    zipBytes: r.zipBytes,
    modificationId: r.modificationId,
    verification: (r.verification as VerificationResult | null) ?? null,
    createdAt: r.createdAt,
    manifest: r.manifest,
    blobKey: r.blobKey,
    zipBlobKey: r.zipBlobKey,
  };
}

import { and, desc, eq, max, ne, or } from "drizzle-orm";
import type { Db } from "../db/client";
import { isUniqueViolation } from "../db/errors";
import { generatedCode, type FileManifestEntry } from "../db/schema";
import { z } from "zod";
import { parseJsonColumn } from "../db/json-column";
import type { RehearsalResult } from "../generation/rehearse/types";
import { CHECK_NAMES, CHECK_STATUSES, type VerificationResult } from "../generation/verify/types";
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

const StoredManifest = z.array(z.object({ path: z.string(), size: z.number().int().nonnegative(), sha256: z.string() }));
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
/** Loose objects: a field added to a verification later does not make older rows unreadable, nor is it dropped. */
const StoredVerification = z
  .looseObject({
    ok: z.boolean(),
    checks: z.array(z.looseObject({ check: z.enum(CHECK_NAMES), file: z.string(), line: z.number().optional(), message: z.string(), severity: z.enum(["error", "warning"]) })),
    ran: z.array(z.looseObject({ check: z.enum(CHECK_NAMES), files: z.number(), ms: z.number(), status: z.enum(CHECK_STATUSES).optional() })),
    // The rehearsal's own checks are free-form; only its outline is read here.
    rehearsal: z.custom<RehearsalResult>((v) => isRecord(v) && typeof v.status === "string" && Array.isArray(v.checks), "is not a rehearsal result").optional(),
  })
  .nullable();

function toVersion(r: typeof generatedCode.$inferSelect): Version {
  const at = (column: string) => ({ table: "generated_code", column, rowId: r.id });
  const verification: VerificationResult | null = parseJsonColumn(StoredVerification, r.verification ?? null, at("verification"));
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
    verification,
    createdAt: r.createdAt,
    manifest: parseJsonColumn(StoredManifest, r.manifest, at("manifest")),
    blobKey: r.blobKey,
    zipBlobKey: r.zipBlobKey,
  };
}

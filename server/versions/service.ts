import { createHash } from "node:crypto";
import { and, desc, eq, max } from "drizzle-orm";
import type { Db } from "../db/client";
import { generatedCode, type FileManifestEntry } from "../db/schema";
import { touchProject } from "../projects/service";
import { notFound } from "../errors";
import { fileBytes, sortedPaths } from "../generation/content-hash";
import type { GeneratedProject, ProjectFiles } from "../generation/types";
import type { VerificationResult } from "../generation/verify/types";
import { zipProject } from "../generation/zip";
import { createId } from "../ids";
import type { Platform } from "../platform/types";
import { decodeFileSet, encodeFileSet } from "./file-set";

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

const sha256 = (b: Uint8Array | string) => createHash("sha256").update(b).digest("hex");
export const fileSetKey = (contentHash: string) => `filesets/${contentHash}.json`;
export const zipKey = (contentHash: string) => `zips/${contentHash}.zip`;

function manifestOf(files: ProjectFiles): FileManifestEntry[] {
  return sortedPaths(files).map((path) => {
    const bytes = fileBytes(files.get(path)!);
    return { path, size: bytes.byteLength, sha256: sha256(bytes) };
  });
}

/**
 * Stores a generated project as the project's next version: the file set and its ZIP in the
 * blob store (content-addressed, so identical projects share objects; blobs are written
 * before the row, so a row never points at a missing blob), then one generated_code row.
 * With a modificationId it is idempotent: a second call returns the first version.
 */
export async function storeVersion(
  p: Pick<Platform, "db" | "blobs">,
  input: { projectId: string; spec: unknown; generated: GeneratedProject; verification: VerificationResult | null; modificationId?: string },
): Promise<Version> {
  const existing = input.modificationId ? await findByModification(p.db, input.modificationId) : null;
  if (existing) return existing;
  const { files, contentHash } = input.generated;
  const blobKey = fileSetKey(contentHash);
  const zipBlobKey = zipKey(contentHash);
  // A reused blob is touched, so the garbage collector's grace period covers it until the row exists.
  if (!(await p.blobs.touch(blobKey, "application/json"))) await p.blobs.put(blobKey, encodeFileSet(files), "application/json");
  let zipBytes: number;
  const existingZip = (await p.blobs.touch(zipBlobKey, "application/zip")) ? await p.blobs.get(zipBlobKey) : null;
  if (existingZip) zipBytes = existingZip.byteLength;
  else {
    const zip = await zipProject(files);
    await p.blobs.put(zipBlobKey, zip, "application/zip");
    zipBytes = zip.byteLength;
  }
  const manifest = manifestOf(files);
  for (let attempt = 0; ; attempt++) {
    const [{ current } = { current: 0 }] = await p.db.select({ current: max(generatedCode.version) }).from(generatedCode).where(eq(generatedCode.projectId, input.projectId));
    try {
      const [row] = await p.db
        .insert(generatedCode)
        .values({
          id: createId("version"),
          projectId: input.projectId,
          version: (current ?? 0) + 1,
          specHash: sha256(JSON.stringify(input.spec)),
          contentHash,
          manifest,
          blobKey,
          zipBlobKey,
          fileCount: manifest.length,
          totalBytes: manifest.reduce((n, f) => n + f.size, 0),
          zipBytes,
          verification: input.verification,
          modificationId: input.modificationId ?? null,
        })
        .returning();
      await touchProject(p.db, input.projectId);
      return toVersion(row!);
    } catch (e) {
      // Two writers took the same version number: the unique index refused one; retry with the next.
      if (attempt < 5 && /generated_code_project_version_uq/.test(String((e as { cause?: unknown }).cause ?? e))) continue;
      if (input.modificationId && /generated_code_modification_uq/.test(String((e as { cause?: unknown }).cause ?? e))) {
        const raced = await findByModification(p.db, input.modificationId);
        if (raced) return raced;
      }
      throw e;
    }
  }
}

/** The version a modification produced, if any (one per modification: a unique index). */
async function findByModification(db: Db, modificationId: string): Promise<Version | null> {
  const [row] = await db.select().from(generatedCode).where(eq(generatedCode.modificationId, modificationId)).limit(1);
  return row ? toVersion(row) : null;
}

export async function listVersions(db: Db, projectId: string): Promise<VersionSummary[]> {
  const rows = await db.select().from(generatedCode).where(eq(generatedCode.projectId, projectId)).orderBy(desc(generatedCode.version));
  return rows.map((r) => summary(toVersion(r)));
}

export async function latestVersion(db: Db, projectId: string): Promise<Version | null> {
  const [row] = await db.select().from(generatedCode).where(eq(generatedCode.projectId, projectId)).orderBy(desc(generatedCode.version)).limit(1);
  return row ? toVersion(row) : null;
}

/** A version of a project (the project's ownership is checked by the caller). */
export async function getVersion(db: Db, projectId: string, versionId: string): Promise<Version> {
  const [row] = await db.select().from(generatedCode).where(and(eq(generatedCode.id, versionId), eq(generatedCode.projectId, projectId))).limit(1);
  if (!row) throw notFound("Version", versionId);
  return toVersion(row);
}

export async function readVersionFiles(p: Pick<Platform, "blobs">, version: Pick<Version, "blobKey" | "id">): Promise<ProjectFiles> {
  const bytes = await p.blobs.get(version.blobKey);
  if (!bytes) throw new Error(`file set ${version.blobKey} of version ${version.id} is missing from the blob store`);
  return decodeFileSet(bytes);
}

export async function readVersionZip(p: Pick<Platform, "blobs">, version: Version): Promise<Uint8Array> {
  const stored = version.zipBlobKey ? await p.blobs.get(version.zipBlobKey) : null;
  return stored ?? zipProject(await readVersionFiles(p, version));
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

const summary = ({ manifest: _m, blobKey: _b, zipBlobKey: _z, ...rest }: Version): VersionSummary => rest;

import { createHash } from "node:crypto";
import type { Db } from "../db/client";
import { touchProject } from "../projects/project-repo";
import { notFound } from "../errors";
import { fileBytes, sortedPaths } from "../generation/content-hash";
import type { GeneratedProject, ProjectFiles } from "../generation/types";
import type { VerificationResult } from "../generation/verify/types";
import { zipProject } from "../generation/zip";
import type { Platform } from "../platform/types";
import { decodeFileSet, encodeFileSet } from "./file-set";
import { findLatestVersion, findVersion, findVersionByModification, insertNextVersion, listVersionsOf, type FileManifestEntry, type Version, type VersionSummary } from "./version-repo";

export type { Version, VersionSummary };

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
  const existing = input.modificationId ? await findVersionByModification(p.db, input.modificationId) : null;
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
  const version = await insertNextVersion(p.db, {
    projectId: input.projectId,
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
  });
  await touchProject(p.db, input.projectId);
  return version;
}

export async function listVersions(db: Db, projectId: string): Promise<VersionSummary[]> {
  return (await listVersionsOf(db, projectId)).map(summary);
}

export async function latestVersion(db: Db, projectId: string): Promise<Version | null> {
  return findLatestVersion(db, projectId);
}

/** A version of a project (the project's ownership is checked by the caller). */
export async function getVersion(db: Db, projectId: string, versionId: string): Promise<Version> {
  const version = await findVersion(db, projectId, versionId);
  if (!version) throw notFound("Version", versionId);
  return version;
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

const summary = ({ manifest: _m, blobKey: _b, zipBlobKey: _z, ...rest }: Version): VersionSummary => rest;

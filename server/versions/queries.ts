import { fileBytes } from "../generation/content-hash";
import type { Platform } from "../platform/types";
import { diffFileSets } from "./diff";
import { getVersion, readVersionFiles, readVersionZip } from "./service";

const MAX_TEXT_BYTES = 1_000_000;

/** A version with its files' text (binary or huge files come back with content null). */
export async function getVersionWithFiles(p: Platform, projectId: string, versionId: string) {
  const version = await getVersion(p.db, projectId, versionId);
  const files = await readVersionFiles(p, version);
  const { blobKey: _b, zipBlobKey: _z, ...meta } = version;
  return {
    ...meta,
    files: [...files.entries()].map(([path, content]) => ({
      path,
      size: fileBytes(content).byteLength,
      content: typeof content === "string" && content.length <= MAX_TEXT_BYTES ? content : null,
    })),
  };
}

export async function diffVersions(p: Platform, projectId: string, fromId: string, toId: string) {
  const [from, to] = await Promise.all([getVersion(p.db, projectId, fromId), getVersion(p.db, projectId, toId)]);
  const [a, b] = await Promise.all([readVersionFiles(p, from), readVersionFiles(p, to)]);
  return { from: { id: from.id, version: from.version }, to: { id: to.id, version: to.version }, files: diffFileSets(a, b) };
}

/** The ZIP as base64 (tRPC carries JSON); the browser turns it back into a file. */
export async function downloadVersion(p: Platform, projectId: string, versionId: string, projectName: string) {
  const version = await getVersion(p.db, projectId, versionId);
  const zip = await readVersionZip(p, version);
  const slug = projectName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "agent";
  return { filename: `${slug}-v${version.version}.zip`, base64: Buffer.from(zip).toString("base64"), bytes: zip.byteLength };
}

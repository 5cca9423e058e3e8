import { createHash } from "node:crypto";
import type { FileContent, ProjectFiles } from "./types";

const encoder = new TextEncoder();

export const fileBytes = (content: FileContent): Uint8Array => (typeof content === "string" ? encoder.encode(content) : content);

/** Paths in code-unit order, so the same set always hashes and zips in the same order. */
export const sortedPaths = (files: ProjectFiles) => [...files.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * sha256 over every file in path order: path, byte length and bytes, separated so
 * that no two different file sets produce the same stream.
 */
export function contentHash(files: ProjectFiles): string {
  const hash = createHash("sha256");
  for (const path of sortedPaths(files)) {
    const bytes = fileBytes(files.get(path)!);
    hash.update(`${path}\0${bytes.byteLength}\0`);
    hash.update(bytes);
  }
  return hash.digest("hex");
}

/** Returns a new map with the same entries in sorted path order. */
export function sortFiles(files: ProjectFiles): ProjectFiles {
  return new Map(sortedPaths(files).map((p) => [p, files.get(p)!]));
}

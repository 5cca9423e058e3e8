import { z } from "zod";
import type { FileContent, ProjectFiles } from "../generation/types";

/** How a version's files are stored in the blob store: one JSON object, keyed by content hash. */
const StoredFileSet = z.object({
  files: z.array(z.object({ path: z.string().min(1), encoding: z.enum(["utf8", "base64"]), content: z.string() })),
});

export function encodeFileSet(files: ProjectFiles): Uint8Array {
  const entries = [...files.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, content]) =>
      typeof content === "string" ? { path, encoding: "utf8" as const, content } : { path, encoding: "base64" as const, content: Buffer.from(content).toString("base64") },
    );
  return new TextEncoder().encode(JSON.stringify({ files: entries }));
}

export function decodeFileSet(bytes: Uint8Array): ProjectFiles {
  const parsed = StoredFileSet.parse(JSON.parse(new TextDecoder().decode(bytes)));
  return new Map<string, FileContent>(parsed.files.map((f) => [f.path, f.encoding === "utf8" ? f.content : new Uint8Array(Buffer.from(f.content, "base64"))]));
}

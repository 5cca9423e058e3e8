import { structuredPatch } from "diff";
import { fileBytes } from "../generation/content-hash";
import type { ProjectFiles } from "../generation/types";

export type FileDiff = {
  path: string;
  status: "added" | "removed" | "modified";
  /** Unified-diff hunks for text files; null for binary content. */
  hunks: { oldStart: number; oldLines: number; newStart: number; newLines: number; lines: string[] }[] | null;
  additions: number;
  deletions: number;
};

const text = (c: ProjectFiles extends Map<string, infer V> ? V : never) => (typeof c === "string" ? c : null);

/** Per-file differences between two versions' file sets, in path order; unchanged files are left out. */
export function diffFileSets(a: ProjectFiles, b: ProjectFiles): FileDiff[] {
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  const out: FileDiff[] = [];
  for (const path of paths) {
    const before = a.get(path);
    const after = b.get(path);
    if (before !== undefined && after !== undefined && Buffer.compare(Buffer.from(fileBytes(before)), Buffer.from(fileBytes(after))) === 0) continue;
    const status = before === undefined ? "added" : after === undefined ? "removed" : "modified";
    const oldText = before === undefined ? "" : text(before);
    const newText = after === undefined ? "" : text(after);
    if (oldText === null || newText === null) {
      out.push({ path, status, hunks: null, additions: 0, deletions: 0 });
      continue;
    }
    const patch = structuredPatch(path, path, oldText, newText, "", "", { context: 3 });
    const lines = patch.hunks.flatMap((h) => h.lines);
    out.push({
      path,
      status,
      hunks: patch.hunks.map((h) => ({ oldStart: h.oldStart, oldLines: h.oldLines, newStart: h.newStart, newLines: h.newLines, lines: h.lines })),
      additions: lines.filter((l) => l.startsWith("+")).length,
      deletions: lines.filter((l) => l.startsWith("-")).length,
    });
  }
  return out;
}

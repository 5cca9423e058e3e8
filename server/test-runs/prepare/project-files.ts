import { createHash } from "node:crypto";
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { DomainError } from "../../errors";
import type { ProjectFiles } from "../../generation/types";

/**
 * A project's files, copied into a run's private directory. The source is either a stored
 * version (a file map) or, for the CLI, a directory on disk that is treated as hostile:
 * symlinks and special files are skipped (never followed), paths are checked, sizes capped.
 */

export const PROJECT_CAPS = { files: 5_000, totalBytes: 50_000_000, fileBytes: 10_000_000 } as const;
/** Installed dependencies and caches are never copied: the runner installs its own. */
const SKIP_DIRS = new Set(["node_modules", ".git", ".venv", "venv", "__pycache__", ".pytest_cache", ".test-build"]);
const SAFE_PATH = /^(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9_@+.,=~ -]+(\/[A-Za-z0-9_@+.,=~ -]+)*$/;

export type LoadedFiles = Map<string, Uint8Array>;

const tooLarge = (what: string) => new DomainError("invalid", `The project is too large to run: ${what}`);

function checkPath(path: string) {
  if (!SAFE_PATH.test(path) || path.length > 300) throw new DomainError("invalid", `The project has a file with an unsafe path: '${path.slice(0, 120)}'`);
}

/** A stored version's files as bytes, paths checked. */
export function filesFromVersion(files: ProjectFiles): LoadedFiles {
  const out: LoadedFiles = new Map();
  let total = 0;
  for (const [path, content] of files) {
    checkPath(path);
    const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
    total += bytes.byteLength;
    out.set(path, bytes);
  }
  if (out.size > PROJECT_CAPS.files) throw tooLarge(`${out.size} files`);
  if (total > PROJECT_CAPS.totalBytes) throw tooLarge(`${total} bytes`);
  return out;
}

/** Reads a directory from disk without following any symlink. */
export function filesFromDirectory(dir: string): LoadedFiles {
  const root = resolve(dir);
  if (!lstatSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new DomainError("not_found", `Directory '${dir}' was not found`);
  const out: LoadedFiles = new Map();
  let total = 0;
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(path);
        continue;
      }
      if (!entry.isFile()) continue; // symlinks, sockets, devices, fifos
      const rel = relative(root, path).split(sep).join("/");
      checkPath(rel);
      let fd: number;
      try {
        fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
      } catch {
        continue; // swapped for a symlink or a fifo since the listing
      }
      try {
        const st = fstatSync(fd);
        if (!st.isFile()) continue;
        if (st.size > PROJECT_CAPS.fileBytes) throw tooLarge(`'${rel}' is ${st.size} bytes`);
        total += st.size;
        if (total > PROJECT_CAPS.totalBytes) throw tooLarge(`more than ${PROJECT_CAPS.totalBytes} bytes`);
        out.set(rel, readFileSync(fd));
      } finally {
        closeSync(fd);
      }
      if (out.size > PROJECT_CAPS.files) throw tooLarge(`more than ${PROJECT_CAPS.files} files`);
    }
  };
  walk(root);
  return out;
}

/** Writes the files under `dir` (created fresh by the caller); directories 0755, files 0644. */
export function writeFiles(dir: string, files: LoadedFiles): void {
  for (const [path, bytes] of files) {
    const target = join(dir, path);
    if (!target.startsWith(`${dir}${sep}`)) throw new DomainError("invalid", `unsafe path '${path}'`);
    mkdirSync(dirname(target), { recursive: true, mode: 0o755 });
    writeFileSync(target, bytes, { mode: 0o644, flag: "wx" });
  }
}

/** A hash of the files (paths and bytes), keying build caches; `exclude` drops path prefixes. */
export function hashFiles(files: LoadedFiles, exclude: string[] = []): string {
  const h = createHash("sha256");
  for (const path of [...files.keys()].sort()) {
    if (exclude.some((p) => path === p || path.startsWith(`${p}/`))) continue;
    h.update(path).update("\0").update(files.get(path)!).update("\0");
  }
  return h.digest("hex");
}

export const textOf = (files: LoadedFiles, path: string): string | null => {
  const bytes = files.get(path);
  return bytes ? Buffer.from(bytes).toString("utf8") : null;
};

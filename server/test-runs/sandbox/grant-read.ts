import { chmodSync, lstatSync, readdirSync, realpathSync, statSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * In the runner task's "process" isolation the agent runs as a second uid, and its mounts are
 * symlinks to the prepared trees (the app, its node_modules in the dependency cache, the build),
 * which root made, some inside 0700 temp directories. These make such a tree readable to other
 * users, never writable: o+r on files, o+rx on directories, following symlinks to their targets
 * (node_modules links into the cache), and o+x on every directory above, so the path resolves.
 * The trees hold the generated project and its packages only, nothing of the runner's.
 */
export function grantReadTree(root: string): void {
  walk(root, new Set());
}

/** o+x on `dir` and every directory above it (traverse only: nothing gets listed). */
export function grantTraverse(dir: string): void {
  for (let d = dir; ; d = dirname(d)) {
    const mode = statSync(d).mode & 0o7777;
    if ((mode & 0o001) === 0) chmodSync(d, mode | 0o001);
    if (d === dirname(d)) return;
  }
}

function walk(path: string, seen: Set<string>): void {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return; // a dangling link: nothing to read
  }
  if (seen.has(real)) return;
  seen.add(real);
  if (path !== real || seen.size === 1) grantTraverse(dirname(real));
  const st = lstatSync(real);
  const mode = st.mode & 0o7777;
  if (st.isDirectory()) {
    if ((mode & 0o005) !== 0o005) chmodSync(real, mode | 0o005);
    for (const name of readdirSync(real)) walk(join(real, name), seen);
  } else if (st.isFile()) {
    // Readable; executable by others only when its owner may execute it (bin scripts).
    const wanted = mode | 0o004 | (mode & 0o100 ? 0o001 : 0);
    if (wanted !== mode) chmodSync(real, wanted);
  }
}

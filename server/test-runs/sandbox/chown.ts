import { lchownSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** Gives a directory tree to a uid (symlinks themselves, never their targets). */
export function chownTree(dir: string, uid: number): void {
  lchownSync(dir, uid, uid);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) chownTree(path, uid);
    else lchownSync(path, uid, uid);
  }
}

import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { randomUUID } from "node:crypto";
import type { BlobStore } from "./types";

const SAFE_KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,500}$/;

/** Local BlobStore: one file per key under a directory; writes are atomic (temp file + rename). */
export class FsBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private file(key: string) {
    if (!SAFE_KEY.test(key) || key.includes("..")) throw new Error(`invalid blob key '${key}'`);
    return path.join(this.root, key);
  }

  async put(key: string, bytes: Uint8Array, _contentType?: string): Promise<void> {
    const target = this.file(key);
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.${randomUUID()}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, target);
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await readFile(this.file(key)));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw e;
    }
  }

  async has(key: string): Promise<boolean> {
    return stat(this.file(key)).then(() => true, () => false);
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }

  async touch(key: string, _contentType?: string): Promise<boolean> {
    const now = new Date();
    return utimes(this.file(key), now, now).then(() => true, (e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") return false;
      throw e;
    });
  }

  async lastModified(key: string): Promise<Date | null> {
    return stat(this.file(key)).then((s) => s.mtime, () => null);
  }

  async *list(prefix: string): AsyncIterable<{ key: string; lastModified: Date }> {
    // Keys are paths: list the directory the prefix names, recursively (no temp files).
    const dir = prefix.endsWith("/") ? prefix.slice(0, -1) : path.posix.dirname(prefix);
    const entries = await readdir(path.join(this.root, dir), { recursive: true, withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (!e.isFile() || e.name.endsWith(".tmp")) continue;
      const key = path.relative(this.root, path.join(e.parentPath, e.name)).split(path.sep).join("/");
      if (!key.startsWith(prefix)) continue;
      const modified = await this.lastModified(key);
      if (modified) yield { key, lastModified: modified };
    }
  }

  async readUrl(key: string, _expiresInSeconds: number): Promise<string> {
    return pathToFileURL(this.file(key)).toString();
  }
}

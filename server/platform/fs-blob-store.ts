import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
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

  async readUrl(key: string, _expiresInSeconds: number): Promise<string> {
    return pathToFileURL(this.file(key)).toString();
  }
}

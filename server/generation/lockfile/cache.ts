import { homedir } from "node:os";
import { join } from "node:path";
import { FsBlobStore } from "../../platform/fs-blob-store";
import type { BlobStore } from "../../platform/types";

/**
 * Where resolved lockfiles are kept, keyed by the hash of the dependency set: the platform's
 * blob store (S3 on AWS, shared by every worker; outside the garbage collector's prefixes),
 * so an identical dependency set is resolved once and every later version gets the same
 * lockfile, byte for byte, with no registry call.
 */
export type LockfileCache = {
  get(depsKey: string): Promise<string | null>;
  put(depsKey: string, lockfile: string): Promise<void>;
};

const blobKey = (depsKey: string) => {
  if (!/^[a-f0-9]{64}$/.test(depsKey)) throw new Error(`bad dependency-set key '${depsKey}'`);
  return `npm-lock/${depsKey}.json`;
};

export function blobLockfileCache(blobs: BlobStore): LockfileCache {
  return {
    async get(depsKey) {
      const bytes = await blobs.get(blobKey(depsKey));
      return bytes ? new TextDecoder().decode(bytes) : null;
    },
    put: (depsKey, lockfile) => blobs.put(blobKey(depsKey), new TextEncoder().encode(lockfile), "application/json"),
  };
}

/** This machine's directory cache (the CLI's, and local workers' second tier): lockfiles are small and content-keyed. */
export const MACHINE_LOCKFILE_CACHE = join(homedir(), ".cache", "agent-builder", "npm-lock");

/** The same layout in a directory (the CLI has no platform; local test platforms start with empty blob stores). */
export const dirLockfileCache = (dir: string): LockfileCache => blobLockfileCache(new FsBlobStore(dir));

/** Looks in each cache in order and fills the earlier ones from a later hit; writes to all. */
export function tieredLockfileCache(...caches: LockfileCache[]): LockfileCache {
  return {
    async get(depsKey) {
      for (const [i, cache] of caches.entries()) {
        const hit = await cache.get(depsKey);
        if (hit !== null) {
          await Promise.all(caches.slice(0, i).map((c) => c.put(depsKey, hit)));
          return hit;
        }
      }
      return null;
    },
    put: async (depsKey, lockfile) => void (await Promise.all(caches.map((c) => c.put(depsKey, lockfile)))),
  };
}

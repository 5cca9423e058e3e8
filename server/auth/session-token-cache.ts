import { decode, type JWT } from "next-auth/jwt";

/**
 * Decoded session cookies, kept until the token expires. next-auth's `decode` derives its key
 * with an async `hkdf` on every call, and that runs on libuv's 4-thread pool, where it waits
 * behind whatever else is queued there (a burst of sign-ups' argon2 hashes made every
 * cookie-authenticated request and WebSocket upgrade wait ~15 s in the load bench,
 * bench/README.md). A browser sends the same cookie on every call, so only its first call
 * pays for the derivation and the decryption.
 *
 * Only what decoding proves is cached (the token is authentic and unexpired); whether it is
 * still current (sign-out) is checked on every call by the caller (session-version.ts), so
 * revocation is unchanged. Keyed by the whole encrypted token; failures are not cached.
 */
const MAX_ENTRIES = 10_000;
type Entry = { token: JWT; expiresAt: number };
const cache = new Map<string, Entry>();

/** A drop-in for next-auth's `decode` in `getToken({ decode })`. */
export async function decodeSessionCached(params: { token?: string; secret: string | Buffer }): Promise<JWT | null> {
  const { token: raw } = params;
  if (!raw) return null;
  const now = Date.now();
  const hit = cache.get(raw);
  if (hit && hit.expiresAt > now) return hit.token;
  const token = await decode({ token: raw, secret: params.secret });
  const exp = typeof token?.exp === "number" ? token.exp * 1000 : 0;
  if (token && exp > now) {
    if (cache.size >= MAX_ENTRIES) cache.clear(); // a bound, not an LRU: entries are cheap to rebuild
    cache.set(raw, { token, expiresAt: exp });
  }
  return token;
}

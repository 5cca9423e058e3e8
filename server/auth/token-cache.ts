/**
 * API token → owner, cached so a client that calls the API a thousand times a second does not
 * run a query (and a sha256 and a Postgres round trip) per call.
 *
 * Revocation: `revokeApiToken` calls `forgetCachedTokens()` before it returns, so in this
 * process the very next call with a revoked token misses the cache and is refused. Another
 * instance (aws mode runs several) keeps a revoked token's entry at most TOKEN_CACHE_TTL_MS
 * after it was cached: that is the documented bound across instances. Locally one process
 * serves the API, so the bound never applies there. Unknown tokens are not cached (a flood of
 * bad tokens cannot push good ones out), and the map is capped.
 *
 * The map lives on globalThis because the local launcher and the Next.js server bundle load
 * this module separately in one process and a revocation in one must reach the other.
 */
export const TOKEN_CACHE_TTL_MS = 10_000;
const MAX_ENTRIES = 10_000;

type Entry = { userId: string; expiresAt: number };
/** `generation` counts revocations: a lookup that raced one is not cached. */
const g = globalThis as unknown as { __agentBuilderTokenCache?: { entries: Map<string, Entry>; generation: number } };
const state = (g.__agentBuilderTokenCache ??= { entries: new Map(), generation: 0 });
const cache = state.entries;

/** The owner of `token`, from the cache or from `resolve` (which returns null for a bad token). */
export async function cachedTokenOwner(token: string, resolve: (token: string) => Promise<string | null>): Promise<string | null> {
  const now = Date.now();
  const hit = cache.get(token);
  if (hit && hit.expiresAt > now) return hit.userId;
  const generation = state.generation;
  const userId = await resolve(token);
  if (!userId) {
    cache.delete(token);
    return null;
  }
  if (generation !== state.generation) return userId; // a revocation ran meanwhile: answer, do not cache
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(token, { userId, expiresAt: now + TOKEN_CACHE_TTL_MS });
  return userId;
}

/** Drops every cached token; called on revocation (rare), so no token → id index is needed. */
export function forgetCachedTokens(): void {
  state.generation += 1;
  cache.clear();
}

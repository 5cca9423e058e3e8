import type { Db } from "../db/client";
import { clockCache } from "../platform/clock-cache";
import type { ChangeClock } from "../platform/types";
import { incrementSessionVersion, readSessionVersion } from "./user-repo";

/**
 * Server-side sign-out for JWT sessions. Every session token carries the user's session
 * version from when it was issued (`sv`); sign-out bumps the version, so every token issued
 * before it stops working on the next request (all of the user's sessions: a JWT cannot be
 * revoked alone). Costs one primary-key read per cookie-authenticated request, except where
 * the platform has a clock on `users` writes (local mode: every statement runs on the one
 * PGlite; see pglite-write-clock.ts): there the version read is kept until the next write
 * naming `users` (platform/clock-cache.ts, as project.list is: projects/list-cache.ts): PGlite runs one
 * statement at a time on the web process's thread, so each one saved shortens every
 * request's wait (bench/README.md, the load test).
 */
export function currentSessionVersion(db: Db, userId: string, usersClock?: ChangeClock): Promise<number | null> {
  return sessionVersions(usersClock, userId, () => readSessionVersion(db, userId));
}

const sessionVersions = clockCache<number | null>();

export async function bumpSessionVersion(db: Db, userId: string): Promise<void> {
  await incrementSessionVersion(db, userId);
}

/** Whether a decoded session token is still current: its user exists and its version matches. */
export async function isSessionCurrent(db: Db, token: { sub?: string; sv?: unknown }, usersClock?: ChangeClock): Promise<boolean> {
  if (!token.sub) return false;
  const version = await currentSessionVersion(db, token.sub, usersClock);
  return version !== null && (token.sv ?? 0) === version;
}

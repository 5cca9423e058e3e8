import type { Db } from "../db/client";
import { incrementSessionVersion, readSessionVersion } from "./user-repo";

/**
 * Server-side sign-out for JWT sessions. Every session token carries the user's session
 * version from when it was issued (`sv`); sign-out bumps the version, so every token issued
 * before it stops working on the next request (all of the user's sessions: a JWT cannot be
 * revoked alone). Costs one primary-key read per cookie-authenticated request.
 */
export async function currentSessionVersion(db: Db, userId: string): Promise<number | null> {
  return readSessionVersion(db, userId);
}

export async function bumpSessionVersion(db: Db, userId: string): Promise<void> {
  await incrementSessionVersion(db, userId);
}

/** Whether a decoded session token is still current: its user exists and its version matches. */
export async function isSessionCurrent(db: Db, token: { sub?: string; sv?: unknown }): Promise<boolean> {
  if (!token.sub) return false;
  const version = await currentSessionVersion(db, token.sub);
  return version !== null && (token.sv ?? 0) === version;
}

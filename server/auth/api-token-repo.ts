import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { apiTokens } from "../db/schema";

/** api_tokens: a user's CLI/API tokens, stored by their sha256 only. */

export type ApiTokenSummary = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

export async function insertApiToken(db: Db, values: { id: string; userId: string; name: string; tokenHash: string; prefix: string }): Promise<void> {
  await db.insert(apiTokens).values(values);
}

export async function listApiTokensOf(db: Db, userId: string): Promise<ApiTokenSummary[]> {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt));
}

/** Revokes a live token of the user; false when none was revoked (unknown, another user's, or already revoked). */
export async function markApiTokenRevoked(db: Db, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

/** Whether the user has a token with this id, revoked or not. */
export async function apiTokenExists(db: Db, userId: string, id: string): Promise<boolean> {
  const [existing] = await db.select({ id: apiTokens.id }).from(apiTokens).where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId)));
  return existing !== undefined;
}

/** The live (unrevoked) token with this hash. */
export async function findLiveApiToken(db: Db, tokenHash: string): Promise<{ id: string; userId: string; lastUsedAt: Date | null } | null> {
  const [row] = await db
    .select({ id: apiTokens.id, userId: apiTokens.userId, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
    .limit(1);
  return row ?? null;
}

export async function markApiTokenUsed(db: Db, id: string): Promise<void> {
  await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, id));
}

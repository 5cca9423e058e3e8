import { and, desc, eq, isNull } from "drizzle-orm";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../db/client";
import { apiTokens } from "../db/schema";
import { notFound } from "../errors";
import { createId } from "../ids";
import { forgetCachedTokens } from "./token-cache";

/** Tokens look like `ab_<43 base64url chars>`; only their sha256 is stored. */
const TOKEN_PREFIX = "ab_";
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export const CreateTokenInput = z.object({ name: z.string().trim().min(1, "is required").max(100) });

export type ApiTokenSummary = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

export async function createApiToken(db: Db, userId: string, input: z.infer<typeof CreateTokenInput>) {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const id = createId("token");
  await db.insert(apiTokens).values({ id, userId, name: input.name, tokenHash: sha256(token), prefix: token.slice(0, 10) });
  return { id, name: input.name, token };
}

export async function listApiTokens(db: Db, userId: string): Promise<ApiTokenSummary[]> {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt));
}

export async function revokeApiToken(db: Db, userId: string, id: string): Promise<void> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  forgetCachedTokens(); // the very next call with this token is refused (token-cache.ts)
  if (rows.length === 0) {
    const [existing] = await db.select({ id: apiTokens.id }).from(apiTokens).where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId)));
    if (!existing) throw notFound("API token", id);
  }
}

/** The owner of a live token, or null for an unknown, malformed or revoked one. */
export async function resolveApiToken(db: Db, token: string): Promise<string | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const [row] = await db
    .select({ id: apiTokens.id, userId: apiTokens.userId, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (!row) return null;
  // Coarse last-used tracking: at most one write per token per minute keeps the hot path read-only.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    void db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.id)).catch(() => undefined);
  }
  return row.userId;
}

import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../db/client";
import { apiTokenExists, findLiveApiToken, insertApiToken, listApiTokensOf, markApiTokenRevoked, markApiTokenUsed, type ApiTokenSummary } from "./api-token-repo";
import { notFound } from "../errors";
import { createId } from "../ids";
import { forgetCachedTokens } from "./token-cache";

/** Tokens look like `ab_<43 base64url chars>`; only their sha256 is stored. */
const TOKEN_PREFIX = "ab_";
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export const CreateTokenInput = z.object({ name: z.string().trim().min(1, "is required").max(100) });

export type { ApiTokenSummary };

export async function createApiToken(db: Db, userId: string, input: z.infer<typeof CreateTokenInput>) {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const id = createId("token");
  await insertApiToken(db, { id, userId, name: input.name, tokenHash: sha256(token), prefix: token.slice(0, 10) });
  return { id, name: input.name, token };
}

export async function listApiTokens(db: Db, userId: string): Promise<ApiTokenSummary[]> {
  return listApiTokensOf(db, userId);
}

export async function revokeApiToken(db: Db, userId: string, id: string): Promise<void> {
  const revoked = await markApiTokenRevoked(db, userId, id);
  forgetCachedTokens(); // the very next call with this token is refused (token-cache.ts)
  if (!revoked && !(await apiTokenExists(db, userId, id))) throw notFound("API token", id);
}

/** The owner of a live token, or null for an unknown, malformed or revoked one. */
export async function resolveApiToken(db: Db, token: string): Promise<string | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const row = await findLiveApiToken(db, sha256(token));
  if (!row) return null;
  // Coarse last-used tracking: at most one write per token per minute keeps the hot path read-only.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    void markApiTokenUsed(db, row.id).catch(() => undefined);
  }
  return row.userId;
}

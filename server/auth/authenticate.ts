import { getToken } from "next-auth/jwt";
import type { Db } from "../db/client";
import type { ChangeClock } from "../platform/types";
import { env } from "../env";
import { resolveApiToken } from "./api-tokens";
import { decodeSessionCached } from "./session-token-cache";
import { isSessionCurrent } from "./session-version";
import { cachedTokenOwner } from "./token-cache";

export type Caller = { userId: string; via: "session" | "token" };

export function parseCookies(header: string | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    try {
      out[name] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      out[name] = part.slice(i + 1).trim();
    }
  }
  return out;
}

/**
 * Who is calling: `Authorization: Bearer <api token>` or the next-auth session cookie.
 * Used by the tRPC context and the WebSocket server alike. A bearer header that does not
 * resolve never falls back to the cookie: a bad token is UNAUTHORIZED.
 */
export async function authenticate(db: Db, headers: Headers, usersClock?: ChangeClock): Promise<Caller | null | "bad-token"> {
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const userId = match?.[1] ? await cachedTokenOwner(match[1], (token) => resolveApiToken(db, token)) : null;
    return userId ? { userId, via: "token" } : "bad-token";
  }
  const cookieHeader = headers.get("cookie");
  if (!cookieHeader) return null;
  // getToken needs parsed cookies: given a raw request it returns null (ENVIRONMENT.md).
  const token = await getToken({
    req: { headers: Object.fromEntries(headers.entries()), cookies: parseCookies(cookieHeader) } as never,
    secret: env().NEXTAUTH_SECRET,
    decode: decodeSessionCached,
  });
  // A token issued before the user's last sign-out is refused (server-side sign-out).
  return token?.sub && (await isSessionCurrent(db, token, usersClock)) ? { userId: token.sub, via: "session" } : null;
}

import { env } from "../env";

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return "";
  }
};

/**
 * Whether a cookie-authenticated request comes from our own pages: its Origin must be the
 * site's (NEXTAUTH_URL) or the host it was sent to. Used for tRPC mutations and for
 * WebSocket upgrades alike (CSRF / cross-site WebSocket hijacking).
 */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (!origin) return false;
  const allowed = new Set<string>();
  const site = env().NEXTAUTH_URL;
  if (site) allowed.add(hostOf(site));
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (host) allowed.add(host);
  return allowed.has(hostOf(origin));
}

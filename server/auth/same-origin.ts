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
 * configured site (NEXTAUTH_URL). Without one configured, the Host the browser sent to is
 * the site. X-Forwarded-Host is any client's to set, so it counts only behind a trusted
 * proxy (TRUSTED_PROXY_HOPS > 0), which overwrites it. Used for tRPC mutations and for
 * WebSocket upgrades alike (CSRF / cross-site WebSocket hijacking).
 */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (!origin) return false;
  const e = env();
  const allowed = new Set<string>();
  if (e.NEXTAUTH_URL) allowed.add(hostOf(e.NEXTAUTH_URL));
  else {
    const host = headers.get("host");
    if (host) allowed.add(host);
  }
  const forwarded = headers.get("x-forwarded-host");
  if (forwarded && e.TRUSTED_PROXY_HOPS > 0) allowed.add(forwarded);
  return allowed.has(hostOf(origin));
}

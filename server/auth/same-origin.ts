import { env } from "../env";

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return "";
  }
};

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * The names one loopback site answers to: a site configured as localhost:3000 is the same
 * site at 127.0.0.1:3000 (a page on another origin cannot be served from our own port).
 */
function aliases(host: string): string[] {
  const url = new URL(`http://${host}`);
  if (!LOOPBACK.has(url.hostname)) return [host];
  return [...LOOPBACK].map((name) => (url.port ? `${name}:${url.port}` : name));
}

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
  return allowedHosts(headers).has(hostOf(origin));
}

function allowedHosts(headers: Headers): Set<string> {
  const e = env();
  const allowed = new Set<string>();
  const site = e.NEXTAUTH_URL ? hostOf(e.NEXTAUTH_URL) : (headers.get("host") ?? "");
  if (site) for (const alias of aliases(site)) allowed.add(alias);
  const forwarded = headers.get("x-forwarded-host");
  if (forwarded && e.TRUSTED_PROXY_HOPS > 0) allowed.add(forwarded);
  return allowed;
}

/** Why a request was refused, in words a user can act on: which origin, and where the site is. */
export function crossOriginMessage(headers: Headers): string {
  const origin = headers.get("origin");
  const site = env().NEXTAUTH_URL;
  if (!origin) return "Cross-origin request refused: the request carries no Origin header";
  return site
    ? `Cross-origin request refused: this page is at ${origin}, but the site is configured as ${site} (NEXTAUTH_URL); open it there`
    : `Cross-origin request refused: ${origin} is not this site`;
}

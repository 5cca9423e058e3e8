import { env } from "../env";

type HeaderSource = Headers | Record<string, string | string[] | undefined>;
const read = (h: HeaderSource, name: string) => {
  const v = h instanceof Headers ? h.get(name) : h[name];
  return Array.isArray(v) ? v.join(",") : (v ?? null);
};

/**
 * The caller's IP for per-IP limits. X-Forwarded-For is trusted only as far as the
 * configured proxies: with TRUSTED_PROXY_HOPS=n the address n entries from the right was
 * appended by the outermost trusted proxy. With 0 (local), the local server overwrote the
 * header with the socket's peer address (stampPeerAddress), so its last entry is that.
 */
export function clientIp(headers: HeaderSource): string {
  const entries = (read(headers, "x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const hops = env().TRUSTED_PROXY_HOPS;
  return entries[Math.max(0, entries.length - Math.max(1, hops))] ?? "unknown";
}

/**
 * For the local HTTP server, which is the edge: whatever a client put in X-Forwarded-For
 * is replaced by the socket's peer address, so a client cannot choose its own IP.
 */
export function stampPeerAddress(req: { headers: Record<string, unknown>; socket: { remoteAddress?: string } }): void {
  if (env().TRUSTED_PROXY_HOPS > 0) return;
  req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "unknown";
}

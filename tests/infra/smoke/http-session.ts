/**
 * A cookie-keeping HTTP client for the deployed site: next-auth sign-in (CSRF token, then
 * the credentials callback) and tRPC calls in the superjson wire format the app uses.
 */
import superjson from "superjson";

export class TrpcError extends Error {
  constructor(readonly path: string, readonly code: string, message: string) {
    super(`${path}: ${code}: ${message}`);
  }
}

export class HttpSession {
  private readonly cookies = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    // Browsers send Origin on POST and the API refuses cookie-authenticated mutations without
    // our own origin (CSRF guard, server/api/trpc.ts); Node's fetch sends none by itself.
    if (init.method && init.method !== "GET") headers.set("origin", new URL(this.baseUrl).origin);
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = await fetch(new URL(path, this.baseUrl), { ...init, headers, redirect: "manual", signal: AbortSignal.timeout(30_000) });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      if (eq > 0) this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
    return res;
  }

  hasCookie(pattern: RegExp) {
    return [...this.cookies.keys()].some((k) => pattern.test(k));
  }

  /** next-auth Credentials sign-in; true when a session cookie was issued. */
  async signIn(email: string, password: string): Promise<boolean> {
    const csrf = (await (await this.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const body = new URLSearchParams({ csrfToken: csrf.csrfToken, email, password, json: "true" });
    await this.fetch("/api/auth/callback/credentials", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
    return this.hasCookie(/next-auth\.session-token$/);
  }

  query<T>(path: string, input?: unknown): Promise<T> {
    const qs = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
    return this.trpc(path, this.fetch(`/api/trpc/${path}${qs}`));
  }

  mutate<T>(path: string, input?: unknown): Promise<T> {
    const body = JSON.stringify(superjson.serialize(input ?? null));
    return this.trpc(path, this.fetch(`/api/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body }));
  }

  private async trpc<T>(path: string, pending: Promise<Response>): Promise<T> {
    const res = await pending;
    const text = await res.text();
    let payload: any;
    try {
      payload = JSON.parse(text);
    } catch {
      throw new TrpcError(path, `HTTP_${res.status}`, text.slice(0, 200));
    }
    if (payload.error) {
      const error = superjson.deserialize<any>(payload.error);
      throw new TrpcError(path, error?.data?.code ?? `HTTP_${res.status}`, error?.message ?? "error");
    }
    return superjson.deserialize<T>(payload.result.data);
  }
}

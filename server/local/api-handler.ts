import type { IncomingMessage, ServerResponse } from "node:http";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { appRouter } from "../api/root";
import { serveRegistry } from "../api/registry-route";
import { createContext } from "../api/trpc";
import { log } from "../log";
import { REGISTRY_PATH } from "../registry/http";

/**
 * `/api/trpc/*` and `/api/registry/*` served straight from the launcher's HTTP server: the
 * same router, context and registry answers as app/api/…/route.ts (which aws mode keeps
 * using), without Next's per-request App Router pipeline, which the CPU profile of
 * `health.check` under load showed to cost more than the procedure itself (bench/README.md).
 */
const trpc = createHTTPHandler({
  router: appRouter,
  basePath: "/api/trpc/",
  createContext: ({ req }) => createContext({ headers: toHeaders(req) }),
});

export function isApiRequest(url: string | undefined): boolean {
  return !!url && (url.startsWith("/api/trpc/") || url.startsWith(REGISTRY_PATH));
}

export function handleApiRequest(req: IncomingMessage, res: ServerResponse): void {
  if (req.url!.startsWith("/api/trpc/")) return trpc(req, res);
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD" }).end();
    return;
  }
  serveRegistry(new URL(req.url!, "http://localhost"), toHeaders(req)).then(
    (answer) => res.writeHead(answer.status, answer.headers).end(req.method === "HEAD" ? undefined : answer.body),
    (e) => {
      log.error("registry answer failed", { error: String(e) });
      res.writeHead(500).end();
    },
  );
}

function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  return headers;
}

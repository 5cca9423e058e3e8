import type { IncomingMessage, ServerResponse } from "node:http";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { appRouter } from "../api/root";
import { serveRegistry } from "../api/registry-route";
import { operationCount } from "../api/http-limits";
import { toHeaders } from "../api/node-headers";
import { createContext, responseMeta } from "../api/trpc";
import { env } from "../env";
import { log } from "../log";
import { TRPC_ENDPOINT, TRPC_PATH } from "./api-paths";
import { answerHealthCheck, isPlainHealthCheck } from "./health-answer";
import { answerQuery, plainQuery } from "./query-answer";

/**
 * `/api/trpc/*` and `/api/registry/*` served straight from the launcher's HTTP server: the
 * same router, context and registry answers as app/api/…/route.ts (which aws mode keeps
 * using), without Next's per-request App Router pipeline, which the CPU profile of
 * `health.check` under load showed to cost more than the procedure itself (bench/README.md).
 */
const trpc = createHTTPHandler({
  router: appRouter,
  basePath: TRPC_PATH,
  // The same limits as app/api/trpc's limitRequest: the adapter answers 413 past maxBodySize.
  maxBodySize: env().MAX_REQUEST_BYTES,
  createContext: ({ req }) => createContext({ headers: toHeaders(req) }),
  responseMeta,
});

/** Batches over MAX_BATCH_OPERATIONS are refused before anything runs, as limitRequest does. */
function refuseLargeBatch(req: IncomingMessage, res: ServerResponse): boolean {
  const max = env().MAX_BATCH_OPERATIONS;
  const ops = operationCount(new URL(req.url!, "http://localhost"), TRPC_ENDPOINT);
  if (ops <= max) return false;
  const message = `A batch may hold at most ${max} operations (got ${ops})`;
  res.writeHead(413, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: { message, code: -32600, data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413 } } }));
  return true;
}

export function handleApiRequest(req: IncomingMessage, res: ServerResponse): void {
  if (isPlainHealthCheck(req)) {
    void answerHealthCheck(req, res).then((answered) => answered || trpc(req, res));
    return;
  }
  if (req.url!.startsWith(TRPC_PATH)) {
    const query = plainQuery(req);
    if (query) void answerQuery(req, res, query);
    else if (!refuseLargeBatch(req, res)) void trpc(req, res);
    return;
  }
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

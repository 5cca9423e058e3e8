import type { IncomingMessage, ServerResponse } from "node:http";
import { getTRPCErrorFromUnknown, transformTRPCResponse, TRPCError, type AnyTRPCProcedure } from "@trpc/server";
import { getHTTPStatusCode } from "@trpc/server/http";
// getErrorShape runs the router's errorFormatter exactly as the adapter does; tRPC exports it only
// here (its own Node adapter imports it from the same place). @trpc/server is pinned exactly, and
// tests/integration/query-http.test.ts compares every answer with the adapter's.
import { getErrorShape, isAsyncIterable, isObject, isPromise } from "@trpc/server/unstable-core-do-not-import";
import { toHeaders } from "../api/node-headers";
import { appRouter } from "../api/root";
import { serializedJson } from "../api/transformer";
import { createContext, responseMeta } from "../api/trpc";
import { TRPC_PATH } from "./api-paths";
import { readQueryInput } from "./query-input";

/**
 * Single tRPC queries over GET (`/api/trpc/<path>?input=…`, and the browser's batch of one,
 * `?batch=1&input={"0":…}`), answered without tRPC's Node adapter. Under load the adapter's
 * per-call work — a fetch Request with its AbortSignal, the batch/response pipeline, a Response
 * piped back through a WritableStream — was over half of `project.list`'s CPU profile
 * (bench/README.md). This runs the same procedure from the same router with the same context
 * (auth, budgets, procedure classes are its middlewares) and writes what the adapter would, step
 * for step from tRPC 11.22.1's `resolveResponse` (unstable-core-do-not-import/http/resolveResponse.ts:
 * the `!info.isBatchCall` case and the `httpBatchLink` case) and `contentType.ts` (the JSON
 * handler's input parsing). The one intended difference on the wire: one write with a
 * Content-Length where the adapter streams the same bytes chunked.
 *
 * Everything else goes to the adapter unchanged: POST, HEAD, mutations, subscriptions, missing
 * procedures, batches of several, streaming (`trpc-accept`, `accept: application/jsonl`), any
 * content-type, query parameters other than `input` and `batch`.
 */
type PlainQuery = { path: string; procedure: AnyTRPCProcedure; isBatchCall: boolean; input: string | null };

const config = appRouter._def._config;
// At run time tRPC keeps every procedure under its dotted path here (router.ts, createRouterFactory).
const procedures = appRouter._def.procedures as unknown as Record<string, AnyTRPCProcedure>;

/** The request as one plain query, or null when tRPC's adapter must answer it. */
export function plainQuery(req: IncomingMessage): PlainQuery | null {
  const url = req.url;
  if (req.method !== "GET" || !url?.startsWith(TRPC_PATH) || url.includes("#")) return null;
  const { headers } = req;
  if (headers["content-type"] !== undefined || headers["trpc-accept"] !== undefined || headers.accept?.includes("application/jsonl")) return null;
  const queryAt = url.indexOf("?");
  // A procedure's key is dotted identifiers: nothing URL parsing could decode or normalise.
  const path = url.slice(TRPC_PATH.length, queryAt === -1 ? undefined : queryAt);
  if (!Object.hasOwn(procedures, path)) return null;
  const procedure = procedures[path]!;
  if (procedure._def.type !== "query") return null;
  const params = new URLSearchParams(queryAt === -1 ? "" : url.slice(queryAt + 1));
  for (const name of params.keys()) if (name !== "input" && name !== "batch") return null;
  return { path, procedure, isBatchCall: params.get("batch") === "1", input: params.get("input") };
}

/** Runs the query and writes the adapter's answer; never rejects. */
export async function answerQuery(req: IncomingMessage, res: ServerResponse, query: PlainQuery): Promise<void> {
  const input = readQueryInput(query.input, query.isBatchCall, (raw) => config.transformer.input.deserialize(raw));
  let ctx: QueryContext | undefined;
  let error: TRPCError | undefined;
  let data: unknown;
  try {
    ctx = await createContext({ headers: toHeaders(req) });
    // Queries take no AbortSignal here (only mutations read theirs); `createCaller` passes none either.
    data = await query.procedure({ path: query.path, getRawInput: input.read, ctx, type: "query", signal: undefined, batchIndex: 0 });
  } catch (cause) {
    error = getTRPCErrorFromUnknown(cause);
  }
  try {
    if (!error && isDataStream(data)) {
      // tRPC refuses a stream-like result: in a single call from outside the call (its outer catch, below).
      if (!query.isBatchCall) throw streamRefused();
      error = streamRefused();
    }
    if (!error) {
      // What transformTRPCResponse + JSON.stringify write inside it: the router's transformer is
      // transformer.ts, which keeps a frozen result's (a cached list, a registry list) text.
      const json = `{"result":{"data":${serializedJson(data)}}}`;
      write(res, 200, undefined, query.isBatchCall ? `[${json}]` : json);
      return;
    }
    const item = { error: getErrorShape({ config, ctx, error, input: input.result(), path: query.path, type: "query" }) };
    const body = query.isBatchCall ? [item] : item;
    write(res, getHTTPStatusCode(body), error, JSON.stringify(transformTRPCResponse(config, body)));
  } catch (cause) {
    // resolveResponse's outer catch (`caughtErrorToData`): the error shaped without path or input.
    const failure = getTRPCErrorFromUnknown(cause);
    const shape = { error: getErrorShape({ config, ctx, error: failure, input: undefined, path: undefined, type: "query" }) };
    write(res, getHTTPStatusCode(shape), failure, JSON.stringify(transformTRPCResponse(config, shape)));
  }
}

const streamRefused = () =>
  new TRPCError({ code: "UNSUPPORTED_MEDIA_TYPE", message: "Cannot use stream-like response in non-streaming request - use httpBatchStreamLink" });

type QueryContext = Awaited<ReturnType<typeof createContext>>;

/**
 * The adapter's headers, in the order it sends them (a fetch `Headers` iterates sorted):
 * content-type, then the app's responseMeta (Retry-After for a spent budget), then vary.
 */
function write(res: ServerResponse, status: number, error: TRPCError | undefined, body: string): void {
  const headers: Record<string, string> = { "content-type": "application/json" };
  // The adapters' own responseMeta, so a header added there reaches this path too.
  for (const [name, value] of Object.entries(responseMeta({ errors: error ? [error] : [] }).headers)) headers[name.toLowerCase()] = value;
  headers.vary = "trpc-accept, accept";
  // Known length, one write (writeHead with a header object would otherwise send it chunked).
  headers["content-length"] = String(Buffer.byteLength(body));
  res.writeHead(status, headers).end(body);
}

/** tRPC's isDataStream: a result holding promises or async iterables needs a streaming link. */
function isDataStream(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (isAsyncIterable(value)) return true;
  return Object.values(value).some((v) => isPromise(v) || isAsyncIterable(v));
}

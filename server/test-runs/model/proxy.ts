import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { listenHttp, readBody, type ListenOn, type ListeningServer } from "./listen";

/**
 * Forwards a sandboxed agent's Chat Completions requests to the configured OpenAI-compatible
 * endpoint (e.g. Ollama). The agent never sees the real URL or key; the proxy sets the model
 * and accepts only the model API's paths, so the socket is not a way onto the host network.
 */

const ALLOWED = /^\/v1\/(chat\/completions|models)$/;

export type ProxyTarget = { baseUrl: string; modelId: string; apiKey?: string };

function normalizedBase(url: string) {
  const trimmed = url.replace(/\/+$/, "");
  return trimmed.endsWith("/v1") ? trimmed : `${trimmed}/v1`;
}

export function proxyHandler(target: ProxyTarget) {
  const base = normalizedBase(target.baseUrl);
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0]!;
    if (!ALLOWED.test(path)) return void res.writeHead(404).end();
    void (async () => {
      let body: string | undefined;
      if (req.method === "POST") {
        const raw = JSON.parse(await readBody(req)) as Record<string, unknown>;
        body = JSON.stringify({ ...raw, model: target.modelId });
      }
      const upstream = await fetch(`${base}${path.slice(3)}`, {
        method: req.method === "POST" ? "POST" : "GET",
        headers: { "content-type": "application/json", ...(target.apiKey ? { authorization: `Bearer ${target.apiKey}` } : {}) },
        body,
      });
      res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" });
      if (upstream.body) Readable.fromWeb(upstream.body as import("node:stream/web").ReadableStream).pipe(res);
      else res.end();
    })().catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: `the model endpoint failed: ${e instanceof Error ? e.message : String(e)}` } }));
    });
  };
}

export function startModelProxy(target: ProxyTarget, on: ListenOn): Promise<ListeningServer> {
  return listenHttp(proxyHandler(target), on);
}

/** True when an OpenAI-compatible endpoint answers GET /v1/models quickly; returns its model ids. */
export async function probeEndpoint(baseUrl: string, timeoutMs = 400): Promise<string[] | null> {
  try {
    const res = await fetch(`${normalizedBase(baseUrl)}/models`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return null;
    const body = (await res.json()) as { data?: Array<{ id?: unknown }> };
    return (body.data ?? []).map((m) => m.id).filter((id): id is string => typeof id === "string");
  } catch {
    return null;
  }
}

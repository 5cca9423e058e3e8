import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Recorded = { method?: string; url?: string; headers: IncomingMessage["headers"]; body: unknown };
export type Script = (req: Recorded, res: ServerResponse) => void;

/** A tiny OpenAI-compatible endpoint on 127.0.0.1 whose answers the test scripts. */
export async function startMockServer(script: Script): Promise<{ url: string; requests: Recorded[]; close: () => Promise<void> }> {
  const requests: Recorded[] = [];
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const recorded = { method: req.method, url: req.url, headers: req.headers, body: raw ? JSON.parse(raw) : undefined };
      requests.push(recorded);
      script(recorded, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** Writes SSE `data:` events, one write per event, then ends unless told not to. */
export function sse(res: ServerResponse, chunks: unknown[], opts: { end?: boolean; done?: boolean } = {}) {
  res.writeHead(200, { "content-type": "text/event-stream" });
  for (const c of chunks) res.write(`data: ${typeof c === "string" ? c : JSON.stringify(c)}\n\n`);
  if (opts.done !== false) res.write("data: [DONE]\n\n");
  if (opts.end !== false) res.end();
}

export const delta = (content: string, finish: string | null = null) => ({ choices: [{ index: 0, delta: { content }, finish_reason: finish }] });

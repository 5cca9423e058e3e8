import { env } from "../env";

/** A JSON error in tRPC's response shape, for requests refused before tRPC parses them. */
const refuse = (status: number, code: string, message: string) =>
  Response.json({ error: { message, code: -32600, data: { code, httpStatus: status } } }, { status });

/** Number of operations in a tRPC request: a batch names them comma-separated in the path. */
export function operationCount(url: URL, endpoint: string): number {
  if (url.searchParams.get("batch") !== "1") return 1;
  const paths = decodeURIComponent(url.pathname.slice(endpoint.length + 1));
  return paths.split(",").length;
}

/**
 * Reads the body up to MAX_REQUEST_BYTES and refuses more with 413, before anything parses
 * it; a declared Content-Length over the limit is refused without reading. Returns the
 * request to hand to tRPC (with the buffered body) or the refusal.
 */
export async function limitRequest(req: Request, endpoint: string): Promise<Request | Response> {
  const { MAX_REQUEST_BYTES: max, MAX_BATCH_OPERATIONS: maxOps } = env();
  const ops = operationCount(new URL(req.url), endpoint);
  if (ops > maxOps) return refuse(413, "PAYLOAD_TOO_LARGE", `A batch may hold at most ${maxOps} operations (got ${ops})`);
  if (!req.body) return req;
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (declared > max) return refuse(413, "PAYLOAD_TOO_LARGE", `Request body over ${max} bytes`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      void reader.cancel();
      return refuse(413, "PAYLOAD_TOO_LARGE", `Request body over ${max} bytes`);
    }
    chunks.push(value);
  }
  return new Request(req.url, { method: req.method, headers: req.headers, body: Buffer.concat(chunks), signal: req.signal });
}

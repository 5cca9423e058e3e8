/**
 * A stand-in for the Node.js Lambda runtime in front of a function URL: it provides the
 * `awslambda` global (streamifyResponse, HttpResponseStream.from), imports the handler the
 * template names, and turns each HTTP request into a function URL event (payload 2.0).
 * Streaming handlers write through to the HTTP response as they go, buffered handlers
 * return { statusCode, headers, body } — the two invoke modes of a function URL.
 * Written to disk and run with the Node.js the function's runtime names.
 */
export const LAMBDA_HARNESS = String.raw`
import { createServer } from "node:http";
import { Writable } from "node:stream";
import { pathToFileURL } from "node:url";

const [file, exportName, port] = process.argv.slice(2);
const STREAMING = Symbol("streaming");
globalThis.awslambda = {
  streamifyResponse(fn) { fn[STREAMING] = true; return fn; },
  HttpResponseStream: { from(stream, meta) { stream.meta(meta); return stream; } },
};
const mod = await import(pathToFileURL(file).href);
const handler = mod[exportName];
if (typeof handler !== "function") { console.error("handler " + exportName + " is not exported by " + file); process.exit(3); }

function eventOf(req, body) {
  const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : v]));
  const [path, query = ""] = (req.url ?? "/").split("?");
  return {
    version: "2.0", routeKey: "$default", rawPath: path, rawQueryString: query, headers,
    requestContext: { http: { method: req.method, path, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: headers["user-agent"] ?? "" }, requestId: String(Date.now()), stage: "$default" },
    body: body.toString("base64"), isBase64Encoded: true,
  };
}

createServer((req, res) => {
  const parts = [];
  req.on("data", (d) => parts.push(d));
  req.on("end", async () => {
    const event = eventOf(req, Buffer.concat(parts));
    try {
      if (handler[STREAMING]) {
        let meta = { statusCode: 200, headers: {} };
        const out = new Writable({
          write(chunk, _enc, done) { if (!res.headersSent) res.writeHead(meta.statusCode ?? 200, meta.headers ?? {}); res.write(chunk, done); },
          final(done) { if (!res.headersSent) res.writeHead(meta.statusCode ?? 200, meta.headers ?? {}); res.end(); done(); },
        });
        out.meta = (m) => { meta = m; };
        await handler(event, out, {});
        if (!out.writableEnded) out.end();
      } else {
        const r = await handler(event, {});
        res.writeHead(r?.statusCode ?? 200, r?.headers ?? {}).end(typeof r?.body === "string" ? r.body : JSON.stringify(r));
      }
    } catch (error) {
      console.error(JSON.stringify({ level: "error", message: "handler threw", error: String(error) }));
      if (!res.headersSent) res.writeHead(502, { "content-type": "application/json" });
      res.end(JSON.stringify({ message: "Internal Server Error" }));
    }
  });
}).listen(Number(port), "127.0.0.1", () => console.error(JSON.stringify({ level: "info", message: "lambda harness listening" })));
`;

import { createServer, type Http2Session } from "node:http2";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { mockModelHandler, type MockOptions, type MockStats } from "./server";

/**
 * The mock model as a Bedrock Runtime endpoint: the AWS SDK's Bedrock Runtime client speaks
 * HTTP/2 only (NodeHttp2Handler), so over plain http:// it needs an h2c server (prior
 * knowledge, no TLS). Point a client at `endpoint` with AWS_ENDPOINT_URL_BEDROCK_RUNTIME and
 * any credentials (it signs; nobody checks).
 */

export type MockBedrockEndpoint = { endpoint: string; close(): Promise<void> };

export async function startMockBedrockEndpoint(stats: MockStats, options: MockOptions = {}, port = 0): Promise<MockBedrockEndpoint> {
  const handler = mockModelHandler(stats, options);
  // The compatibility API's request/response have the http1 shape the handler uses.
  const server = createServer((req, res) => handler(req as unknown as IncomingMessage, res as unknown as ServerResponse));
  const sessions = new Set<Http2Session>();
  server.on("session", (s) => {
    sessions.add(s);
    s.on("close", () => sessions.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sessions) s.destroy();
      }),
  };
}

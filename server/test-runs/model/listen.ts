import { chmodSync } from "node:fs";
import { createServer, type IncomingMessage, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Where a model endpoint listens: a TCP port on loopback, or a Unix socket (a sandbox's only way out). */
export type ListenOn = { port: number; host?: string } | { socketPath: string };

export type ListeningServer = {
  /** http://host:port/v1 for TCP; null for a socket. */
  url: string | null;
  socketPath: string | null;
  close(): Promise<void>;
};

export const MAX_REQUEST_BYTES = 5_000_000;

/** Reads a request body, refusing one over MAX_REQUEST_BYTES (a sandboxed agent is not trusted). */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (d: Buffer) => {
      size += d.byteLength;
      if (size > MAX_REQUEST_BYTES) {
        reject(new Error("request body too large"));
        req.destroy();
      } else chunks.push(d);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export async function listenHttp(handler: RequestListener, on: ListenOn): Promise<ListeningServer> {
  const server: Server = createServer(handler);
  // Streams stay open while an agent thinks; do not let Node's request timeout cut them.
  server.requestTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    if ("socketPath" in on) server.listen(on.socketPath, () => resolve());
    else server.listen(on.port, on.host ?? "127.0.0.1", () => resolve());
  });
  // The sandboxed agent runs as another (unprivileged) user and needs write access to connect.
  if ("socketPath" in on) chmodSync(on.socketPath, 0o666);
  const address = server.address();
  const url = typeof address === "object" && address ? `http://${(address as AddressInfo).address}:${(address as AddressInfo).port}/v1` : null;
  return {
    url: "socketPath" in on ? null : url,
    socketPath: "socketPath" in on ? on.socketPath : null,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

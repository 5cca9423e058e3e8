import http from "node:http";
import type { AddressInfo } from "node:net";
import autocannon, { type Result } from "autocannon";

/**
 * A bare Node `http` server answering a tiny JSON body: the machine's ceiling, measured in the
 * same run as the app so a figure can be judged as a ratio on a noisy, shared machine.
 */
export async function measureBareHttp(connections = 50, duration = 10): Promise<Result> {
  const body = JSON.stringify({ result: { data: { json: { ok: true } } } });
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await autocannon({ url: `http://127.0.0.1:${port}/`, connections, duration });
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

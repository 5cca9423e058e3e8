import type { IncomingMessage, ServerResponse } from "node:http";
import superjson from "superjson";
import { healthStatus } from "../api/health";
import { getServices } from "../composition/root";
import { clientIp } from "../limits/client-ip";
import { chargeProcedure } from "../limits/procedure-limit";
import { TRPC_PATH } from "./api-paths";

/**
 * `GET /api/trpc/health.check` as monitors and load balancers send it (no batch, no input, no
 * credentials), answered without tRPC's adapter. Its CPU profile under load showed the
 * adapter's per-call work (a fetch Request and Response per call, the batch and superjson
 * paths) costing more than the check itself (bench/README.md). It keeps what the procedure
 * does — the caller's per-IP budget, the store check shared for a second — and writes the
 * same bytes tRPC would (tests/integration/health-http.test.ts compares them). When the
 * budget is spent or a store fails, it hands the request to tRPC, which formats the error
 * (and charges the call once more, to a caller already over budget or a failing store).
 */
export function isPlainHealthCheck(req: IncomingMessage): boolean {
  return req.method === "GET" && req.url === `${TRPC_PATH}health.check` && !req.headers.authorization && !req.headers.cookie;
}

/** Answers a plain health check; resolves false (nothing written) when tRPC must answer instead. */
export async function answerHealthCheck(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  let body: string;
  try {
    const { platform } = await getServices();
    await chargeProcedure(platform.db, "health.check", { userId: null, ip: clientIp(req.headers) });
    body = JSON.stringify({ result: { data: superjson.serialize(await healthStatus(platform)) } });
  } catch {
    return false;
  }
  // With its length known it goes out in one write (writeHead with a header object alone sends it chunked).
  res.writeHead(200, { "content-type": "application/json", vary: "trpc-accept, accept", "content-length": String(Buffer.byteLength(body)) });
  res.end(body);
  return true;
}

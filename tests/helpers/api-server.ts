import http from "node:http";
import type { AddressInfo } from "node:net";
import type { LocalPlatform } from "../../server/platform/local";
import { startTestPlatform } from "./platform";

/**
 * A test platform behind the launcher's API handler on a loopback port: `/api/trpc` and
 * `/api/registry` over real HTTP, as `npm start` serves them. The handler is imported here,
 * on first use, so a test can set env() variables (budgets) before it.
 */
export async function startApiServer(): Promise<{ platform: LocalPlatform; base: string; close: () => Promise<void> }> {
  const platform = await startTestPlatform();
  const { handleApiRequest } = await import("../../server/local/api-handler");
  const server = http.createServer(handleApiRequest);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = async () => {
    server.closeAllConnections();
    server.close();
    await platform.close();
  };
  return { platform, base, close };
}

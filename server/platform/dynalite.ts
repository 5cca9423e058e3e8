import type { AddressInfo } from "node:net";
import path from "node:path";

/** dynalite on 127.0.0.1 (in this process; the launcher runs it in its own, server/local/dynalite-process.ts). */
export async function startDynalite(dataDir: string | null, port: number): Promise<{ endpoint: string; close: () => Promise<void> }> {
  const { default: dynalite } = await import("dynalite");
  const server = dynalite({ path: dataDir ? path.join(dataDir, "dynamo") : undefined, createTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

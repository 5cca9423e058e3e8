import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { LocalPlatform } from "../platform/local";
import { realtimeDeps } from "../realtime/deps";
import { createRealtimeServer } from "../realtime/server";

export type LocalServices = {
  /** true when the upgrade was ours (the realtime WebSocket); Next handles the rest. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  stop(): Promise<void>;
};

/**
 * What runs beside Next.js locally: the realtime WebSocket server (attached to the same
 * HTTP server) and the queue consumers (the same SQS handlers Lambda calls).
 */
export async function startLocalServices(platform: LocalPlatform): Promise<LocalServices> {
  const realtime = createRealtimeServer(realtimeDeps(platform));
  const unsubscribe = platform.events.subscribe((event) => realtime.push(event));
  return {
    handleUpgrade: (req, socket, head) => realtime.handleUpgrade(req, socket, head),
    async stop() {
      unsubscribe();
      await realtime.close();
    },
  };
}

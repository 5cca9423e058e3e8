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
 * What runs beside Next.js in the web process: the realtime WebSocket server (on the same
 * HTTP server), fed by the platform's event hub, to which the worker process's events are
 * forwarded (server/local/processes.ts). The workers themselves run in that process.
 */
export function startLocalServices(platform: LocalPlatform): LocalServices {
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

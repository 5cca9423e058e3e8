import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { LocalPlatform } from "../platform/local";

export type LocalServices = {
  /** true when the upgrade was ours (the realtime WebSocket); Next handles the rest. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  stop(): Promise<void>;
};

/**
 * What runs beside Next.js locally: the queue consumers (the same SQS handlers Lambda
 * calls) and the realtime WebSocket server. Each capability registers itself here.
 */
export async function startLocalServices(_platform: LocalPlatform): Promise<LocalServices> {
  return {
    handleUpgrade: () => false,
    async stop() {},
  };
}

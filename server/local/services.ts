import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { log } from "../log";
import { getPipelineDeps } from "../agents/deps";
import { createQueueHandler } from "../pipeline/workers/handler";
import { recoverPending } from "../pipeline/workers/lifecycle";
import { resumeDeployments } from "../deploy/watch";
import type { LocalPlatform } from "../platform/local";
import { QUEUE_NAMES } from "../platform/types";
import { realtimeDeps } from "../realtime/deps";
import { createRealtimeServer } from "../realtime/server";

export type LocalServices = {
  /** true when the upgrade was ours (the realtime WebSocket); Next handles the rest. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  stop(): Promise<void>;
};

/** How often unfinished modifications are re-enqueued (repairs failed sends and crashes). */
const SWEEP_MS = 30_000;

/**
 * What runs beside Next.js locally: the realtime WebSocket server (on the same HTTP
 * server), the four queue consumers (the same SQS handlers Lambda calls) and the sweeper.
 */
export async function startLocalServices(platform: LocalPlatform): Promise<LocalServices> {
  const realtime = createRealtimeServer(realtimeDeps(platform));
  const unsubscribe = platform.events.subscribe((event) => realtime.push(event));

  // The same engines the Lambda handlers use (server/agents/deps.ts), over the platform the launcher installed.
  for (const role of QUEUE_NAMES) platform.jobs.consume(role, createQueueHandler(role, getPipelineDeps));
  const sweep = () =>
    Promise.all([recoverPending(platform), resumeDeployments(platform)]).catch((e) => log.warn("recovery sweep failed", { error: String(e) }));
  await sweep();
  const sweeper = setInterval(sweep, SWEEP_MS);
  sweeper.unref();

  return {
    handleUpgrade: (req, socket, head) => realtime.handleUpgrade(req, socket, head),
    async stop() {
      clearInterval(sweeper);
      platform.jobs.stop();
      unsubscribe();
      await realtime.close();
    },
  };
}

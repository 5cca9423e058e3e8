import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { resumeDeployments, stopWatchingDeployments } from "../deploy/watch";
import { log } from "../log";
import type { LocalPlatform } from "../platform/local";
import type { Platform } from "../platform/types";
import { realtimeDeps } from "../realtime/deps";
import { createRealtimeServer } from "../realtime/server";

export type LocalServices = {
  /** true when the upgrade was ours (the realtime WebSocket); Next handles the rest. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  stop(): Promise<void>;
};

/** How often unfinished deployments are picked up again (after a restart or a dropped watcher). */
const DEPLOY_SWEEP_MS = 30_000;

/**
 * What runs beside Next.js in the web process: the realtime WebSocket server (on the same
 * HTTP server), fed by the platform's event hub, to which the worker process's events are
 * forwarded (server/local/processes.ts), and the deployment watchers, which step deployments
 * through the same platform's deployer as the Deploy tab. The queue workers run in the worker process.
 */
export function startLocalServices(platform: Platform & { events: LocalPlatform["events"] }): LocalServices {
  const realtime = createRealtimeServer(realtimeDeps(platform));
  const unsubscribe = platform.events.subscribe((event) => realtime.push(event));
  const sweep = () => resumeDeployments(platform).catch((e) => log.warn("deployment sweep failed", { error: String(e) }));
  const sweeper = setInterval(sweep, DEPLOY_SWEEP_MS);
  sweeper.unref();
  // Repair work, not start-up work: the first sweep waits until the server is up.
  setTimeout(sweep, 2_000).unref();
  return {
    handleUpgrade: (req, socket, head) => realtime.handleUpgrade(req, socket, head),
    async stop() {
      clearInterval(sweeper);
      await stopWatchingDeployments();
      unsubscribe();
      await realtime.close();
    },
  };
}

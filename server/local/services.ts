import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { servicesFor } from "../composition/root";
import { stopWatchingDeployments } from "../deploy/watch";
import { log } from "../log";
import type { LocalPlatform } from "../platform/local";
import type { Platform } from "../platform/types";
import { realtimeDeps } from "../realtime/deps";
import { createRealtimeServer } from "../realtime/server";
import { closeRunsCreatedBefore } from "../test-runs/store/stale-runs-repo";
import { sweepWebProcess } from "./web-sweep";

export type LocalServices = {
  /** true when the upgrade was ours (the realtime WebSocket); Next handles the rest. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Ends the test runs in flight (bounded, see LocalTestRunner.stop), then the realtime server and the sweeps. */
  stop(): Promise<void>;
};

/** How often stale test runs are closed and unfinished deployments picked up again. */
const SWEEP_MS = 30_000;

/**
 * What runs beside Next.js in the web process: the realtime WebSocket server (on the same
 * HTTP server), fed by the platform's event hub, to which the worker process's events are
 * forwarded (server/local/processes.ts), and the web sweep (web-sweep.ts): stale test runs and
 * the deployment watchers, which share the Deploy tab's deployer. The queue workers run in the worker process.
 * Test runs an earlier process left active are closed at once: this process's runner is the
 * only one, so they can never finish (`startedAt`: when this process started, before it
 * could accept a run of its own).
 */
export function startLocalServices(platform: Platform & { events: LocalPlatform["events"] }, startedAt: Date): LocalServices {
  closeRunsCreatedBefore(platform.db, startedAt).catch((e: unknown) => log.warn("could not close the test runs an earlier start left active", { error: String(e) }));
  // Built now, not at the first run: it kills the agents a killed earlier process left running.
  void servicesFor(platform).testRunner;
  const realtime = createRealtimeServer(realtimeDeps(platform));
  const unsubscribe = platform.events.subscribe((event) => realtime.push(event));
  const sweep = () => sweepWebProcess(platform).catch((e) => log.warn("web sweep failed", { error: String(e) }));
  const sweeper = setInterval(sweep, SWEEP_MS);
  sweeper.unref();
  // Repair work, not start-up work: the first sweep waits until the server is up.
  const firstSweep = setTimeout(sweep, 2_000).unref();
  return {
    handleUpgrade: (req, socket, head) => realtime.handleUpgrade(req, socket, head),
    async stop() {
      clearInterval(sweeper);
      clearTimeout(firstSweep);
      // First: the runs it ends are stored in Postgres and published to DynamoDB, which stop later.
      await servicesFor(platform).testRunner.stop?.();
      await stopWatchingDeployments();
      unsubscribe();
      await realtime.close();
    },
  };
}

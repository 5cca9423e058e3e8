/**
 * The local worker process, forked by the launcher (server/local/processes.ts): the four
 * queue consumers (the same SQS handlers Lambda calls) and the recovery sweeper, off the web
 * server's event loop. Exits when the launcher goes away, so no orphan outlives `npm start`.
 */
import { z } from "zod";
import { log } from "../log";

const Config = z.object({ dataDir: z.string().min(1), dynamoEndpoint: z.url(), logLevel: z.enum(["debug", "info", "warn", "error", "silent"]) });
/** How often unfinished modifications are re-enqueued (repairs failed sends and crashes). */
const SWEEP_MS = 30_000;

async function main() {
  if (!process.send) throw new Error("the worker process is started by the launcher (npm start)");
  const config = Config.parse(JSON.parse(process.argv[2] ?? "{}"));
  const { configureLog } = await import("../log");
  configureLog(config.logLevel);
  const { createWorkerPlatform } = await import("../platform/worker-platform");
  const { setPlatform } = await import("../platform");
  const { serveJobQueue } = await import("../platform/ipc-queues");
  const { QUEUE_NAMES } = await import("../platform/types");
  const { createQueueHandler } = await import("../modifications/workers/handler");
  const { getPipelineDeps } = await import("../agents/deps");
  const { recoverPending } = await import("../modifications/workers/lifecycle");

  // A failed job is retried after a second locally (SQS waits for the visibility timeout).
  const platform = createWorkerPlatform(process, { dataDir: config.dataDir, dynamoEndpoint: config.dynamoEndpoint, queue: { retryDelayMs: 1000 } });
  setPlatform(platform);
  serveJobQueue(process, platform.jobs);
  for (const role of QUEUE_NAMES) platform.jobs.consume(role, createQueueHandler(role, getPipelineDeps));
  const sweep = () => recoverPending(platform).catch((e) => log.warn("recovery sweep failed", { error: String(e) }));
  const sweeper = setInterval(sweep, SWEEP_MS);
  process.send({ ready: true });
  // The first sweep waits until the web server answers: it is repair work, not start-up work.
  setTimeout(sweep, 2_000).unref();

  const stop = async () => {
    clearInterval(sweeper);
    await platform.close();
    process.exit(0);
  };
  process.on("disconnect", () => void stop()); // the launcher died: never outlive it
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => undefined); // Ctrl-C reaches the whole group: the launcher decides the order
}

main().catch((e) => {
  console.error("worker process failed:", e instanceof Error ? e.message : e);
  process.exit(1);
});

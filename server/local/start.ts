/**
 * `npm start` / `npm run dev`: the whole platform on one machine with no cloud account.
 * Builds if needed, then starts, each in its own process: the DynamoDB stand-in (dynalite),
 * the web server (Next.js, the API, the realtime WebSocket server; PGlite, migrated, on a
 * thread of its own) and the workers (the four queue consumers and the recovery sweeper). It
 * listens as soon as Next is ready; requests that need the database wait for it to open. It
 * says "ready" once the database and workers are up and the first pages are loaded
 * (warm-pages.ts). Ctrl-C stops them all.
 */
import http from "node:http";
import path from "node:path";
import { buildIfNeeded } from "./build";
import { progress } from "./progress";
import { persistentSecret } from "./secrets";

const root = process.cwd();
const dev = process.argv.includes("--dev");

async function main() {
  const { prepareLocalEnv } = await import("../env");
  const config = prepareLocalEnv(root, (dir) => persistentSecret(dir, "nextauth-secret"));
  const { PORT: port, DATA_DIR: dataDir } = config;
  const { configureLog } = await import("../log");
  configureLog(config.LOG_LEVEL);

  if (!dev) buildIfNeeded(root, config.NEXT_DIST_DIR);

  const { startDynamoProcess, startWorkerProcess, stopChild } = await import("./processes");
  const { IpcJobQueue } = await import("../platform/ipc-queues");
  const { setPlatform } = await import("../platform");
  const jobs = new IpcJobQueue();
  const dynamo = progress("Starting the DynamoDB stand-in (dynalite, own process)", startDynamoProcess(dataDir, config.DYNAMO_PORT));
  dynamo.catch(() => undefined); // awaited through `local`
  const local = progress(
    "Opening Postgres (PGlite, own thread), applying migrations",
    import("../platform/local").then((m) => m.createLocalPlatform({ dataDir, dynamoEndpoint: dynamo.then((d) => d.endpoint), pgliteThread: true })),
  );
  // The web process sends jobs to the worker process; everything else is the local platform.
  const web = local.then((p) => ({ ...p, jobs }));
  setPlatform(web);
  // The same platform object as the API's, so the deployment watchers share its deployer.
  const services = web.then(async (platform) => (await import("./services")).startLocalServices(platform));
  const workers = local.then((platform) => progress("Starting the workers (PM, Dev, QA, Ops; own process)", startWorkerProcess(platform, jobs, { dataDir, logLevel: config.LOG_LEVEL })));

  const { default: next } = await import("next");
  const app = next({ dev, dir: root, hostname: "localhost", port });
  const [{ handleApiRequest, isApiRequest }, { REALTIME_PATH }] = await progress(
    "Starting Next.js and loading the API",
    Promise.all([import("./api-handler"), import("../realtime/protocol"), app.prepare()]),
  );
  const handle = app.getRequestHandler();
  const upgrade = app.getUpgradeHandler();
  const { stampPeerAddress } = await import("../limits/client-ip");
  // The local server is the edge: per-IP limits use the socket's address, not a client-sent header.
  const server = http.createServer((req, res) => {
    stampPeerAddress(req);
    if (isApiRequest(req.url)) handleApiRequest(req, res);
    else void handle(req, res);
  });
  server.on("upgrade", (req, socket, head) => {
    stampPeerAddress(req);
    if (req.url?.split("?")[0] === REALTIME_PATH) void services.then((s) => s.handleUpgrade(req, socket, head), () => socket.destroy());
    else void upgrade(req, socket, head);
  });
  await new Promise<void>((resolve) => server.listen(port, config.HOST, resolve));
  console.log(`Listening on http://localhost:${port}`);

  const { warmPages } = await import("./warm-pages");
  await Promise.all([local, workers, progress("Loading the first pages' server code", warmPages(`http://localhost:${port}`))]);
  const platform = await local;
  if (config.SEED_DEMO) {
    const { seedDemoAccount } = await import("./seed");
    const demo = await seedDemoAccount(platform.db, dataDir);
    console.log(`Demo account: ${demo.email} / ${demo.password}`);
  }
  console.log(`Agent Builder (${dev ? "dev" : "production"}, local) ready on http://localhost:${port} — data in ${path.relative(root, dataDir) || "."}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping…`);
    server.closeAllConnections();
    server.close();
    await (await services).stop();
    await (await workers).stop();
    await app.close?.();
    await platform.close();
    await stopChild((await dynamo).child);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

/**
 * `npm start` / `npm run dev`: the whole platform on one machine with no cloud account.
 * Builds if needed, then starts, each in its own process or thread: the DynamoDB stand-in
 * (dynalite), Postgres (PGlite, migrated, on a thread of the web process), the web server
 * (Next.js, the API, the realtime WebSocket server) and the workers (the four queue consumers
 * and the recovery sweeper). Nothing that can wait runs before the landing page answers:
 * Next.js loads and listens, the landing page is loaded, and only then do the stand-ins, the
 * rest of the platform and the API start (requests that need them wait for them). The
 * stand-ins work off the web thread, but on a two-core machine their start (PGlite's
 * WebAssembly Postgres, dynalite's process) took the cores Next.js needed: started first they
 * made the first answer of a restart ~0.8 s later and Postgres no sooner (bench/README.md).
 * It says "ready" once the database and workers are up and the first pages are loaded
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
  // Test runs active in the database and created before this moment were left by an earlier start (services.ts).
  const startedAt = new Date();
  const { prepareLocalEnv } = await import("../env");
  const config = prepareLocalEnv(root, (dir) => persistentSecret(dir, "nextauth-secret"));
  const { PORT: port, DATA_DIR: dataDir } = config;
  const { configureLog } = await import("../log");
  configureLog(config.LOG_LEVEL);

  if (!dev) buildIfNeeded(root, config.NEXT_DIST_DIR);

  const { mkdirSync } = await import("node:fs");
  mkdirSync(dataDir, { recursive: true });
  const { startDynamoProcess, startWorkerProcess, stopChild } = await import("./processes");
  const { openPgliteThread } = await import("../platform/pglite-thread-client");
  // The rest of the platform (its modules take seconds of this thread) loads once the landing page is answered.
  let landingPageDone!: () => void;
  const landingPage = new Promise<void>((resolve) => (landingPageDone = resolve));
  const dynamo = landingPage.then(() => progress("Starting the DynamoDB stand-in (dynalite, own process)", startDynamoProcess(dataDir, config.DYNAMO_PORT)));
  const pg = landingPage.then(() => progress("Opening Postgres (PGlite, own thread), applying migrations", openPgliteThread(path.join(dataDir, "pg"))));
  [dynamo, pg].forEach((p) => p.catch(() => undefined)); // awaited through `local`
  const local = landingPage
    .then(() => import("../platform/local"))
    .then((m) => m.createLocalPlatform({ dataDir, dynamoEndpoint: dynamo.then((d) => d.endpoint), pg }));
  const { IpcJobQueue } = await import("../platform/ipc-queues");
  const { setPlatform } = await import("../platform");
  const jobs = new IpcJobQueue();
  // The web process sends jobs to the worker process; everything else is the local platform.
  const web = local.then((p) => ({ ...p, jobs }));
  setPlatform(web);
  // The same platform object as the API's, so the deployment watchers share its deployer.
  const services = web.then(async (platform) => (await import("./services")).startLocalServices(platform, startedAt));
  const workers = local.then((platform) => progress("Starting the workers (PM, Dev, QA, Ops; own process)", startWorkerProcess(platform, jobs, { dataDir, logLevel: config.LOG_LEVEL })));
  const api = landingPage.then(() => import("./api-handler"));

  const { server, app } = await startWebServer(port, config.HOST, api, services);
  const base = `http://localhost:${port}`;
  console.log(`Listening on ${base}`);

  const { warmLandingPage, warmOtherPages } = await import("./warm-pages");
  await progress("Loading the landing page's server code", warmLandingPage(base));
  landingPageDone();
  await Promise.all([local, workers, api, progress("Loading the other first pages' server code", warmOtherPages(base))]);
  const platform = await local;
  if (config.SEED_DEMO) {
    const { seedDemoAccount } = await import("./seed");
    const demo = await seedDemoAccount(platform.db, dataDir);
    console.log(`Demo account: ${demo.email} / ${demo.password}`);
  }
  console.log(`Agent Builder (${dev ? "dev" : "production"}, local) ready on ${base} — data in ${path.relative(root, dataDir) || "."}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping…`);
    server.closeAllConnections();
    server.close();
    // Test runs in flight first (killed, stored as stopped; bounded), while Postgres and DynamoDB still take their outcome.
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

type ApiHandler = typeof import("./api-handler");
type Services = import("./services").LocalServices;

/**
 * Next.js on the launcher's HTTP server, listening as soon as Next is ready. `/api/trpc` and
 * `/api/registry` go to the launcher's own handler once it has loaded, the realtime upgrade
 * to the realtime server once the platform is up; until then those requests wait.
 */
async function startWebServer(port: number, host: string, api: Promise<ApiHandler>, services: Promise<Services>) {
  const { default: next } = await import("next");
  const app = next({ dev, dir: root, hostname: "localhost", port });
  const [{ isApiRequest }, { REALTIME_PATH }, { stampPeerAddress }] = await progress(
    "Starting Next.js",
    Promise.all([import("./api-paths"), import("../realtime/protocol"), import("../limits/client-ip"), app.prepare()]),
  );
  const handle = app.getRequestHandler();
  const upgrade = app.getUpgradeHandler();
  // The local server is the edge: per-IP limits use the socket's address, not a client-sent header.
  const server = http.createServer((req, res) => {
    stampPeerAddress(req);
    if (!isApiRequest(req.url)) return void handle(req, res);
    api.then(
      (h) => h.handleApiRequest(req, res),
      () => res.writeHead(503).end(),
    );
  });
  server.on("upgrade", (req, socket, head) => {
    stampPeerAddress(req);
    if (req.url?.split("?")[0] === REALTIME_PATH) void services.then((s) => s.handleUpgrade(req, socket, head), () => socket.destroy());
    else void upgrade(req, socket, head);
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return { server, app };
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

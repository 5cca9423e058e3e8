/**
 * `npm start` / `npm run dev`: the whole platform on one machine with no cloud account.
 * Builds if needed, starts the embedded stand-ins (PGlite, dynalite, file blobs and queues),
 * applies migrations, seeds the demo account and serves Next.js on PORT (default 3000).
 */
import http from "node:http";
import path from "node:path";
import { getRegistry } from "../registry/load";
import { buildIfNeeded } from "./build";
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

  const { createLocalPlatform } = await import("../platform/local");
  const { setPlatform } = await import("../platform");
  // A failed job is retried after a second locally (SQS waits for the visibility timeout).
  const platform = await createLocalPlatform({ dataDir, dynamoPort: config.DYNAMO_PORT, queue: { retryDelayMs: 1000 } });
  setPlatform(platform);

  const { startLocalServices } = await import("./services");
  const services = await startLocalServices(platform);

  const { default: next } = await import("next");
  const app = next({ dev, dir: root, hostname: "localhost", port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgrade = app.getUpgradeHandler();
  const { stampPeerAddress } = await import("../limits/client-ip");
  const { handleApiRequest, isApiRequest } = await import("./api-handler");
  // The local server is the edge: per-IP limits use the socket's address, not a client-sent header.
  const server = http.createServer((req, res) => {
    stampPeerAddress(req);
    if (isApiRequest(req.url)) handleApiRequest(req, res);
    else void handle(req, res);
  });
  server.on("upgrade", (req, socket, head) => {
    stampPeerAddress(req);
    if (services.handleUpgrade(req, socket, head)) return;
    void upgrade(req, socket, head);
  });
  await new Promise<void>((resolve) => server.listen(port, config.HOST, resolve));

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
    await services.stop();
    await app.close?.();
    await platform.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

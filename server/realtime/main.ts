/**
 * The realtime service as its own process (aws mode, on ECS Fargate; see its Dockerfile).
 * Publishers POST stored events to /internal/events with the shared secret; browsers
 * connect to /realtime. GET /health answers the load balancer.
 */
import http from "node:http";
import { timingSafeEqual } from "node:crypto";
import { env } from "../env";
import { configureLog, log } from "../log";
import { getPlatform } from "../platform";
import { realtimeDeps } from "./deps";
import { createRealtimeServer } from "./server";

const MAX_EVENT_BYTES = 256 * 1024;

async function main() {
  const config = env();
  configureLog(config.LOG_LEVEL);
  const platform = await getPlatform();
  const secret = config.REALTIME_SECRET ?? "";
  const realtime = createRealtimeServer(realtimeDeps(platform));

  const server = http.createServer((req, res) => {
    if (req.method === "GET" && req.url === "/health") return void res.writeHead(200).end("ok");
    if (req.method !== "POST" || req.url !== "/internal/events") return void res.writeHead(404).end();
    const given = Buffer.from(req.headers.authorization ?? "");
    const expected = Buffer.from(`Bearer ${secret}`);
    if (!secret || given.length !== expected.length || !timingSafeEqual(given, expected)) return void res.writeHead(401).end();
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk;
      if (body.length > MAX_EVENT_BYTES) req.destroy();
    });
    req.on("end", () => {
      try {
        realtime.push(JSON.parse(body));
        res.writeHead(204).end();
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  server.on("upgrade", (req, socket, head) => {
    if (!realtime.handleUpgrade(req, socket, head)) socket.destroy();
  });
  const port = config.PORT;
  server.listen(port, () => log.info("realtime service listening", { port }));
  process.on("SIGTERM", () => void realtime.close().then(() => server.close(() => process.exit(0))));
}

void main();

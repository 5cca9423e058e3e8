/**
 * Deployment timeline latency (issue 15): from the moment the driver has a stack event from
 * the Deployer port (the callback) to a subscribed WebSocket client receiving it, through the
 * real path (project event log in dynalite → realtime server → ws), on the local platform.
 * A Node ws client stands in for the browser's socket. Target: p99 ≤ 200 ms.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import WebSocket from "ws";
import { createApiToken } from "../server/auth/api-tokens";
import { signUp } from "../server/auth/users";
import { DEPLOY_STACK_EVENT } from "../server/deploy/driver";
import { createLocalPlatform } from "../server/platform/local";
import { createProject } from "../server/projects/service";
import { realtimeDeps } from "../server/realtime/deps";
import { publishEvent } from "../server/realtime/publish";
import { createRealtimeServer } from "../server/realtime/server";
import { percentile } from "./stats";

const EVENTS = 300;

export async function run(): Promise<Record<string, number>> {
  const platform = await createLocalPlatform({ dataDir: null });
  const realtime = createRealtimeServer(realtimeDeps(platform));
  const unsubscribe = platform.events.subscribe((e) => realtime.push(e));
  const server = http.createServer((_q, r) => r.writeHead(404).end());
  server.on("upgrade", (req, socket, head) => void (realtime.handleUpgrade(req, socket, head) || socket.destroy()));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  try {
    const user = await signUp(platform.db, { email: `timeline-${Date.now()}@bench.local`, password: "correct horse battery" });
    const project = await createProject(platform.db, user.id, { name: "timeline bench", description: "" });
    const { token } = await createApiToken(platform.db, user.id, { name: "bench" });
    const ws = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/realtime`, { headers: { authorization: `Bearer ${token}` } });
    const latencies: number[] = [];
    let received!: () => void;
    ws.on("message", (d) => {
      const m = JSON.parse(d.toString()) as { type: string; event?: { type: string; payload: { sentAt: number } } };
      if (m.type === "subscribed") received();
      if (m.type === "event" && m.event?.type === DEPLOY_STACK_EVENT) {
        latencies.push(performance.now() - m.event.payload.sentAt);
        received();
      }
    });
    const next = () => new Promise<void>((r) => (received = r));
    await new Promise<void>((r) => ws.on("open", () => r()));
    const subscribed = next();
    ws.send(JSON.stringify({ type: "subscribe", projectId: project.id, afterSeq: 0 }));
    await subscribed;
    for (let i = 0; i < EVENTS; i++) {
      const arrived = next();
      const event = { id: `e${i}`, timestamp: new Date().toISOString(), logicalId: "AgentRuntime", type: "AWS::BedrockAgentCore::Runtime", status: "CREATE_IN_PROGRESS", reason: null };
      await publishEvent(platform, project.id, DEPLOY_STACK_EVENT, { deploymentId: "dep_bench", event, sentAt: performance.now() });
      await arrived;
    }
    ws.close();
    latencies.sort((a, b) => a - b);
    return {
      "deploy timeline event to socket p50 ms": Number(percentile(latencies, 0.5).toFixed(2)),
      "deploy timeline event to socket p99 ms (target ≤ 200)": Number(percentile(latencies, 0.99).toFixed(2)),
      "deploy timeline events measured": latencies.length,
    };
  } finally {
    unsubscribe();
    await realtime.close();
    server.close();
    await platform.close();
  }
}

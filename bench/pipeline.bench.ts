import http from "node:http";
import type { AddressInfo } from "node:net";
import WebSocket from "ws";
import { createApiToken } from "../server/auth/api-tokens";
import { signUp } from "../server/auth/users";
import { ensureContext, saveContext } from "../server/dynamo/context-repo";
import { getModification } from "../server/dynamo/modification-repo";
import { configureLog } from "../server/log";
import { createLocalPlatform, type LocalPlatform } from "../server/platform/local";
import { QUEUE_NAMES } from "../server/platform/types";
import { createPipelineDeps } from "../server/modifications/workers/default-deps";
import { createQueueHandler } from "../server/modifications/workers/handler";
import { requestModification } from "../server/modifications/workers/lifecycle";
import { createProject } from "../server/projects/service";
import { realtimeDeps } from "../server/realtime/deps";
import { SPEC } from "../tests/helpers/sample-spec";
import { createRealtimeServer } from "../server/realtime/server";

/**
 * Issue 7's targets on the embedded default with the offline model and the real engines
 * (generation, verification incl. python3 parsing, packaging): one modification end to end
 * (p50 ≤ 3 s), throughput with 5 projects in parallel (≥ 30/min), and event latency from a
 * worker's write to a WebSocket subscriber (p99 ≤ 200 ms).
 */
const REQUESTS = ["deploy on Lambda instead", "deploy on AgentCore instead"];
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function waitDone(platform: LocalPlatform, id: string) {
  for (;;) {
    const m = await getModification(platform.dynamo, id);
    if (m && ["done", "failed"].includes(m.status)) return m;
    await new Promise((r) => setTimeout(r, 5));
  }
}

export async function run(): Promise<Record<string, number>> {
  process.env.NEXTAUTH_SECRET ??= "bench-secret-bench-secret-bench-secret";
  process.env.LOG_LEVEL = "silent";
  configureLog("silent");
  const platform = await createLocalPlatform({ dataDir: null, queue: { retryDelayMs: 100, pollIntervalMs: 2 } });
  const deps = createPipelineDeps(platform);
  for (const role of QUEUE_NAMES) platform.jobs.consume(role, createQueueHandler(role, async () => deps));
  const realtime = createRealtimeServer(realtimeDeps(platform));
  platform.events.subscribe((e) => realtime.push(e));
  const server = http.createServer().on("upgrade", (req, socket, head) => void realtime.handleUpgrade(req, socket, head));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  try {
    const user = await signUp(platform.db, { email: `bench-${Date.now()}@bench.local`, password: "bench password" });
    const { token } = await createApiToken(platform.db, user.id, { name: "bench" });
    const projects: string[] = [];
    for (let i = 0; i < 5; i++) {
      const p = await createProject(platform.db, user.id, { name: `bench ${i}`, description: "" });
      const ctx = await ensureContext(platform.dynamo, p.id, user.id);
      await saveContext(platform.dynamo, p.id, ctx.rev, { draft: SPEC });
      await waitDone(platform, (await requestModification(platform, user.id, { projectId: p.id, request: "generate", kind: "generate", spec: SPEC })).modificationId);
      projects.push(p.id);
    }

    // Event latency: a subscriber on project 0 measures from the event's write time to receipt.
    const latencies: number[] = [];
    const ws = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/realtime`, { headers: { authorization: `Bearer ${token}` } });
    await new Promise((r) => ws.once("open", r));
    let live = false;
    const subscribed = new Promise((resolve) =>
      ws.on("message", (d) => {
        const m = JSON.parse(d.toString());
        if (m.type === "subscribed") (live = true), resolve(null);
        else if (m.type === "event" && live) latencies.push(Date.now() - Date.parse(m.event.createdAt));
      }),
    );
    ws.send(JSON.stringify({ type: "subscribe", projectId: projects[0], afterSeq: 0 }));
    await subscribed;

    // One modification at a time, end to end.
    const single: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      const m = await requestModification(platform, user.id, { projectId: projects[0]!, request: REQUESTS[i % 2]! });
      const done = await waitDone(platform, m.modificationId);
      if (done.status !== "done") throw new Error(`modification failed: ${done.error}`);
      single.push(performance.now() - t);
    }

    // Throughput: 5 projects × 6 modifications requested at once.
    const t0 = performance.now();
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) for (const projectId of projects) ids.push((await requestModification(platform, user.id, { projectId, request: REQUESTS[i % 2]! })).modificationId);
    const results = await Promise.all(ids.map((id) => waitDone(platform, id)));
    const minutes = (performance.now() - t0) / 60_000;
    ws.close();
    return {
      "modification end to end p50 (ms)": Math.round(pct(single, 50)),
      "modification end to end p95 (ms)": Math.round(pct(single, 95)),
      "throughput, 5 projects (modifications/min)": Math.round(ids.length / minutes),
      "throughput run: failed": results.filter((r) => r.status !== "done").length,
      "event latency p50 (ms)": pct(latencies, 50),
      "event latency p99 (ms)": pct(latencies, 99),
      "events measured": latencies.length,
    };
  } finally {
    server.close();
    await realtime.close();
    await platform.close();
  }
}

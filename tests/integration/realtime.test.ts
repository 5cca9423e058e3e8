import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import WebSocket from "ws";
import { createApiToken } from "../../server/auth/api-tokens";
import type { LocalPlatform } from "../../server/platform/local";
import { realtimeDeps } from "../../server/realtime/deps";
import { publishEvent } from "../../server/realtime/publish";
import { appendEvent } from "../../server/dynamo/event-repo";
import { createRealtimeServer, type RealtimeServer } from "../../server/realtime/server";
import { getModification } from "../../server/dynamo/modification-repo";
import { requestModification } from "../../server/modifications/workers/lifecycle";
import { createUser, startTestPlatform } from "../helpers/platform";

let platform: LocalPlatform;
let realtime: RealtimeServer;
let server: http.Server;
let url: string;

before(async () => {
  platform = await startTestPlatform();
  realtime = createRealtimeServer(realtimeDeps(platform));
  platform.events.subscribe((e) => realtime.push(e));
  server = http.createServer((_req, res) => res.writeHead(404).end());
  server.on("upgrade", (req, socket, head) => void (realtime.handleUpgrade(req, socket, head) || socket.destroy()));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/realtime`;
});
after(async () => {
  await realtime.close();
  server.close();
  await platform.close();
});

type Msg = { type: string; event?: { seq: number; type: string }; message?: string; replayed?: number };

function connect(token?: string): Promise<{ ws: WebSocket; messages: Msg[]; next: (pred: (m: Msg) => boolean) => Promise<Msg> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const messages: Msg[] = [];
    const waiters: { pred: (m: Msg) => boolean; resolve: (m: Msg) => void }[] = [];
    ws.on("message", (d) => {
      const m = JSON.parse(d.toString()) as Msg;
      messages.push(m);
      for (const w of [...waiters]) if (w.pred(m)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(m); }
    });
    const next = (pred: (m: Msg) => boolean) => new Promise<Msg>((res) => { const hit = messages.find(pred); if (hit) res(hit); else waiters.push({ pred, resolve: res }); });
    ws.on("open", () => resolve({ ws, messages, next }));
    ws.on("error", reject);
    ws.on("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

async function userWithProject() {
  const { user, caller } = await createUser(platform);
  const project = await caller.project.create({ name: "Realtime" });
  const { token } = await createApiToken(platform.db, user.id, { name: "ws" });
  return { project, token };
}

describe("realtime WebSocket", () => {
  test("an upgrade without a session or with a bad token is refused with 401", async () => {
    await assert.rejects(connect(), /HTTP 401/);
    await assert.rejects(connect("ab_" + "x".repeat(43)), /HTTP 401/);
  });

  test("subscribing to another user's project is refused like a missing one", async () => {
    const alice = await userWithProject();
    const bob = await userWithProject();
    const { ws, next } = await connect(bob.token);
    ws.send(JSON.stringify({ type: "subscribe", projectId: alice.project.id }));
    const error = await next((m) => m.type === "error");
    assert.match(error.message!, /not found/);
    await publishEvent(platform, alice.project.id, "secret", { x: 1 });
    ws.send(JSON.stringify({ type: "ping" }));
    await next((m) => m.type === "pong");
    ws.close();
  });

  test("live events arrive in order; a reconnect replays exactly what was missed", async () => {
    const { project, token } = await userWithProject();
    const first = await connect(token);
    first.ws.send(JSON.stringify({ type: "subscribe", projectId: project.id, afterSeq: 0 }));
    await first.next((m) => m.type === "subscribed");
    for (let i = 1; i <= 5; i++) await publishEvent(platform, project.id, "step", { i });
    await first.next((m) => m.event?.seq === 5);
    first.ws.close();

    // Missed while disconnected: 6..12; then live 13..15 while the replay may still run.
    for (let i = 6; i <= 12; i++) await publishEvent(platform, project.id, "step", { i });
    const second = await connect(token);
    second.ws.send(JSON.stringify({ type: "subscribe", projectId: project.id, afterSeq: 5 }));
    const live = Promise.all([13, 14, 15].map((i) => publishEvent(platform, project.id, "step", { i })));
    await live;
    await second.next((m) => m.event?.seq === 15);
    const seqs = second.messages.filter((m) => m.type === "event").map((m) => m.event!.seq);
    assert.deepEqual(seqs, [6, 7, 8, 9, 10, 11, 12, 13, 14, 15], "no gap, no duplicate, in order");
    second.ws.close();
  });

  test("malformed client messages get a typed error naming the field", async () => {
    const { token } = await userWithProject();
    const { ws, next } = await connect(token);
    ws.send("{nope");
    assert.match((await next((m) => m.type === "error")).message!, /not JSON/);
    ws.send(JSON.stringify({ type: "subscribe", projectId: "prj_bad" }));
    assert.match((await next((m) => m.type === "error" && /projectId/.test(m.message ?? ""))).message!, /projectId/);
    ws.close();
  });

  test("a validated cancel command from the socket cancels a queued modification", async () => {
    const { user, caller } = await createUser(platform);
    const project = await caller.project.create({ name: "Cancel over ws" });
    const { token } = await createApiToken(platform.db, user.id, { name: "ws" });
    // No workers run in this file, so the modification stays queued.
    const m = await requestModification(platform, user.id, { projectId: project.id, request: "add web search" });
    const { ws, next } = await connect(token);
    ws.send(JSON.stringify({ type: "subscribe", projectId: project.id }));
    await next((x) => x.type === "subscribed");
    ws.send(JSON.stringify({ type: "cancel-modification", projectId: project.id, modificationId: m.modificationId }));
    await next((x) => x.type === "event" && (x.event as unknown as { payload: { status: string } }).payload?.status === "cancelled");
    assert.equal((await getModification(platform.dynamo, m.modificationId))?.status, "cancelled");
    ws.close();
  });

  test("events stored out of order by concurrent writers all arrive, in order; replays page past 500", async () => {
    const { project, token } = await userWithProject();
    for (let i = 0; i < 620; i++) await appendEvent(platform.dynamo, project.id, "bulk", { i });
    const client = await connect(token);
    client.ws.send(JSON.stringify({ type: "subscribe", projectId: project.id, afterSeq: 0 }));
    const subscribed = await client.next((m) => m.type === "subscribed");
    assert.equal(subscribed.replayed, 620);
    // Seq 621 is taken but stored late; 622 is pushed live first.
    const { eventCounter, projectEvent } = platform.dynamo.entities;
    const taken = await eventCounter.update({ projectId: project.id }).add({ seq: 1 }).go({ response: "all_new" });
    const late = { projectId: project.id, seq: taken.data.seq!, type: "late", payload: null, createdAt: new Date().toISOString() };
    const early = await publishEvent(platform, project.id, "early", null);
    await new Promise((r) => setTimeout(r, 30));
    await projectEvent.create(late).go();
    await client.next((m) => m.event?.seq === early.seq);
    const seqs = client.messages.filter((m) => m.type === "event").map((m) => m.event!.seq);
    assert.deepEqual(seqs.slice(-3), [620, 621, 622]);
    assert.equal(new Set(seqs).size, seqs.length, "no duplicates");
    client.ws.close();
  });

  test("an event stored seconds after a later one (a writer slowed by load) still arrives, in order", async () => {
    const { project, token } = await userWithProject();
    const client = await connect(token);
    client.ws.send(JSON.stringify({ type: "subscribe", projectId: project.id, afterSeq: 0 }));
    await client.next((m) => m.type === "subscribed");
    // Seq 1 is taken first but its write lands 1.5 s after seq 2 was stored and pushed.
    const { eventCounter, projectEvent } = platform.dynamo.entities;
    const taken = await eventCounter.update({ projectId: project.id }).add({ seq: 1 }).go({ response: "all_new" });
    const slow = { projectId: project.id, seq: taken.data.seq!, type: "slow", payload: null, createdAt: new Date().toISOString() };
    const fast = await publishEvent(platform, project.id, "fast", null);
    await new Promise((r) => setTimeout(r, 1_500));
    await projectEvent.create(slow).go();
    await platform.events.deliver(slow);
    await client.next((m) => m.event?.seq === fast.seq);
    const seqs = client.messages.filter((m) => m.type === "event").map((m) => m.event!.seq);
    assert.deepEqual(seqs, [slow.seq, fast.seq], "the slow event is not skipped");
    client.ws.close();
  });

  test("a hole left long ago (its writer died) does not hold up a new subscription's replay", async () => {
    const { project, token } = await userWithProject();
    const { eventCounter, projectEvent } = platform.dynamo.entities;
    await eventCounter.update({ projectId: project.id }).add({ seq: 1 }).go({ response: "all_new" }); // seq 1, never stored
    const old = new Date(Date.now() - 60_000).toISOString();
    await projectEvent.create({ projectId: project.id, seq: 2, type: "after-the-hole", payload: null, createdAt: old }).go();
    await eventCounter.update({ projectId: project.id }).add({ seq: 1 }).go({ response: "all_new" });
    const client = await connect(token);
    const started = Date.now();
    client.ws.send(JSON.stringify({ type: "subscribe", projectId: project.id, afterSeq: 0 }));
    const subscribed = await client.next((m) => m.type === "subscribed");
    assert.equal(subscribed.replayed, 1);
    assert.ok(Date.now() - started < 1_000, `replayed past the old hole without waiting (${Date.now() - started} ms)`);
    client.ws.close();
  });

  test("a session cookie from another site's page cannot open the socket", async () => {
    const { user } = await createUser(platform);
    const { encode } = await import("next-auth/jwt");
    const session = await encode({ token: { sub: user.id }, secret: process.env.NEXTAUTH_SECRET! });
    const open = (origin: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url, { headers: { cookie: `next-auth.session-token=${session}`, origin } });
        ws.on("open", () => (ws.close(), resolve(101)));
        ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
        ws.on("error", () => resolve(-1));
      });
    const host = new URL(url).host;
    assert.equal(await open(`http://${host}`), 101, "our own page may connect");
    assert.equal(await open("https://evil.example"), 401);
  });
});

import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { subscribeLikeAPage } from "../../bench/load-realtime";
import { createApiToken } from "../../server/auth/api-tokens";
import type { LocalPlatform } from "../../server/platform/local";
import { realtimeDeps } from "../../server/realtime/deps";
import { publishEvent } from "../../server/realtime/publish";
import { createRealtimeServer, type RealtimeServer } from "../../server/realtime/server";
import { createUser, startTestPlatform } from "../helpers/platform";

// The load bench's realtime client against the real realtime server: what it reports as lost
// must be what a page would have missed, no more (a reconnect, an event just before the end)
// and no less (an event never pushed live).
let platform: LocalPlatform;
let realtime: RealtimeServer;
let pushLive = true;
let server: http.Server;
let url: string;

const startRealtime = () => (realtime = createRealtimeServer(realtimeDeps(platform)));

before(async () => {
  platform = await startTestPlatform();
  startRealtime();
  platform.events.subscribe((e) => pushLive && realtime.push(e));
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

async function page() {
  const { user, caller } = await createUser(platform);
  const project = await caller.project.create({ name: "Bench realtime" });
  const { token } = await createApiToken(platform.db, user.id, { name: "bench" });
  const seen = { errors: [] as string[], subscribed: 0, reconnects: 0 };
  const counters = { onError: (m: string) => seen.errors.push(m), onSubscribed: () => seen.subscribed++, onReconnect: () => seen.reconnects++ };
  const live = subscribeLikeAPage(url, { authorization: `Bearer ${token}` }, project.id, counters);
  const until = async (ok: () => boolean) => {
    while (!ok()) await new Promise((r) => setTimeout(r, 20));
  };
  await until(() => seen.subscribed > 0);
  return { project, live, seen, until };
}

describe("the load bench's realtime client", () => {
  test("a dropped socket is reconnected from the last seq; what was published meanwhile is not lost", async () => {
    const { project, live, seen, until } = await page();
    await publishEvent(platform, project.id, "before", null);
    await until(() => live.seen().size === 1);
    await realtime.close(); // the server drops every socket (a restart)
    startRealtime();
    await publishEvent(platform, project.id, "while-away", null);
    await until(() => seen.subscribed === 2);
    await publishEvent(platform, project.id, "after", null);
    const result = await live.finish();
    assert.deepEqual(result, { received: 3, lost: [] });
    assert.equal(seen.reconnects, 1);
    assert.deepEqual(seen.errors, []);
  });

  test("an event stored just before the end is given its delivery window, not counted lost", async () => {
    const { project, live } = await page();
    await Promise.all([1, 2, 3].map(() => publishEvent(platform, project.id, "last", null)));
    assert.deepEqual(await live.finish(), { received: 3, lost: [] });
  });

  test("an event stored but never pushed live counts as lost", async () => {
    const { project, live } = await page();
    await publishEvent(platform, project.id, "pushed", null);
    await new Promise((r) => setTimeout(r, 100));
    pushLive = false;
    try {
      const missed = await publishEvent(platform, project.id, "never-pushed", null);
      const started = Date.now();
      const result = await live.finish();
      assert.deepEqual(result, { received: 1, lost: [missed.seq] });
      assert.ok(Date.now() - started >= 9_000, "it waited the delivery window first");
    } finally {
      pushLive = true;
    }
  });
});

import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { test } from "node:test";
import { ipcClient, ipcServe, type IpcEndpoint } from "../../../server/platform/ipc";

/** Two ends of an in-process channel that behaves like a forked child's IPC (structured clone). */
function channel(): [IpcEndpoint, IpcEndpoint] {
  const [a, b] = [new EventEmitter(), new EventEmitter()];
  const end = (self: EventEmitter, other: EventEmitter): IpcEndpoint => ({
    send: (m) => (setImmediate(() => other.emit("message", structuredClone(m))), true),
    on: (e, l) => self.on(e, l),
    off: (e, l) => self.off(e, l),
  });
  return [end(a, b), end(b, a)];
}

test("two clients on one endpoint each get their own answers (as the worker's database and event publisher do)", async () => {
  const [parent, child] = channel();
  const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
  ipcServe(parent, { "pg.query": async () => (await delay(20), { rows: [1] }) });
  ipcServe(parent, { "events.deliver": async () => undefined });
  const db = ipcClient(child);
  const events = ipcClient(child);
  const answers = await Promise.all([db.call("pg.query", {}), events.call("events.deliver", {}), db.call("pg.query", {}), events.call("events.deliver", {})]);
  assert.deepEqual(answers, [{ rows: [1] }, undefined, { rows: [1] }, undefined]);
});

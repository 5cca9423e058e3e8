import assert from "node:assert/strict";
import { test } from "node:test";
import { ipcClient, ipcServe } from "../../../server/platform/ipc";
import { ipcChannel as channel } from "../../helpers/ipc-channel";


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

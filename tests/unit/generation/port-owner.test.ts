import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import { once } from "node:events";
import { test } from "node:test";
import { portOwner } from "../../../server/generation/rehearse/port-owner";

/**
 * The rehearsal's guard against a concurrent rehearsal answering on the deployed port: the
 * listening socket is traced to its process group through /proc.
 */
test("a port is held by the process group that listens on it, and by no other", { skip: process.platform !== "linux" && "reads /proc" }, async () => {
  const child = spawn(process.execPath, ["-e", "require('node:net').createServer().listen(0, '127.0.0.1', function () { console.log(this.address().port) })"], { detached: true, stdio: ["ignore", "pipe", "inherit"] });
  try {
    const [line] = (await once(child.stdout!, "data")) as [Buffer];
    const port = Number(line.toString().trim());
    assert.equal(portOwner(port, child.pid!), "group", "the child's group holds its port");
    assert.equal(portOwner(port, process.pid + 1_000_000), "other", "another group does not");

    const ours = createServer().listen(0, "127.0.0.1");
    await once(ours, "listening");
    const oursPort = (ours.address() as AddressInfo).port;
    assert.equal(portOwner(oursPort, child.pid!), "other", "a port this process holds is not the child's");
    ours.close();
    assert.equal(portOwner(1, child.pid!), "nobody", "a port nobody listens on is nobody's");
  } finally {
    child.kill();
  }
});

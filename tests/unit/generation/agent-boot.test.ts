import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { bootAgent } from "../../../server/generation/rehearse/agent-process";
import { freePort, stop } from "../../../server/generation/rehearse/boot";

/**
 * An agent that answers its first /ping and then dies (a crash in init beside the first call)
 * is reported by its own exit code and output, never as "another process holds the port":
 * once it stopped listening nobody holds the port, and that is not a foreign answer.
 */
const ANSWERS_ONCE_THEN_CRASHES = `
const server = require("node:http").createServer((req, res) => {
  server.close();
  res.end("ok");
  setTimeout(() => { console.error("init failed: loadSecrets could not read the secret"); process.exit(1); }, 100);
});
server.listen(Number(process.env.PORT), "127.0.0.1");
`;

test("an agent that answers and then exits is reported by its exit, not as a port taken by another process", { skip: process.platform !== "linux" && "reads /proc" }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "agent-boot-"));
  try {
    const agent = await bootAgent({
      shape: { kind: "container", command: ["node", "-e", ANSWERS_ONCE_THEN_CRASHES], env: {}, port: await freePort(), healthCheck: null, runtime: "agentcore", source: "test" },
      node: process.execPath,
      dir,
      scratch: dir,
      envFor: (port) => ({ PATH: process.env.PATH ?? "", PORT: String(port) }),
      stepMs: 10_000,
    });
    await stop(agent.booted);
    assert.equal(agent.check.ok, false);
    assert.doesNotMatch(agent.check.detail, /another process/);
    assert.match(agent.check.detail, /exited with 1[\s\S]*loadSecrets could not read the secret/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

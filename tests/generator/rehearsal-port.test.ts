import assert from "node:assert/strict";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { generateProject } from "../../server/generation/generate-project";
import { rehearseProject } from "../../server/generation/rehearse/rehearse-project";
import { baseSpec, fixtureRegistry } from "../unit/generation/fixtures";

/**
 * The rehearsal boots an AgentCore container on 8080, the port the AgentCore Runtime contract
 * fixes, and says so; when another process holds 8080 on this machine it uses a free port and
 * says that instead. The agent's Bedrock client reaches the mock only through
 * AWS_ENDPOINT_URL_BEDROCK_RUNTIME: its provider and model id stay the ones its IaC sets.
 */

const CACHE = join(tmpdir(), "agent-builder-rehearsal-cache");
const project = () => generateProject(baseSpec({ name: "port-agent", language: "typescript", deployment: { target: "agentcore" } }), fixtureRegistry);

const tryHold = (port: number) =>
  new Promise<Server | null>((resolve) => {
    const s = createServer();
    s.once("error", () => resolve(null));
    s.listen(port, "127.0.0.1", () => resolve(s));
  });

/** Holds the port, waiting while another test file's rehearsal has it: only a port this test holds stays busy for the whole rehearsal. */
async function hold(port: number): Promise<Server> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const held = await tryHold(port);
    if (held) return held;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`port ${port} stayed busy for 60 s; the test needs to hold it itself`);
}

describe("the rehearsal's port", { timeout: 600_000 }, () => {
  test("8080 busy: the agent listens on a free port and the report says 8080 was busy", async () => {
    const held = await hold(8080);
    try {
      const r = await rehearseProject(project().files, { cacheRoot: CACHE });
      assert.equal(r.status, "passed", JSON.stringify(r, null, 2));
      assert.match(r.how ?? "", /listening on port \d+ \(the deployed port 8080 was busy on this machine\)/);
      assert.match(r.checks.find((c) => c.name === "boot")?.detail ?? "", /the deployed port 8080 was busy/);
      assert.match(r.how ?? "", /Bedrock Runtime's endpoint swapped for the mock model's Bedrock-compatible one/);
    } finally {
      held.close();
    }
  });
});

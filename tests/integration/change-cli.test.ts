import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { getBuiltinTemplate } from "../../server/consultation/templates-builtin";
import { runCli } from "../helpers/cli";

/** `agent-builder change`, spawned through the package's bin entry as a user runs it, outside the repo. */
const work = mkdtempSync(join(tmpdir(), "agent-builder-change-"));
after(() => rmSync(work, { recursive: true, force: true }));
const specPath = join(work, "agent.json");
writeFileSync(specPath, JSON.stringify(getBuiltinTemplate("builtin-customer-support")!.spec));

const cli = (args: string[]) => runCli(args, { cwd: work, env: { LLM_PROVIDER: "offline" } });

type Result = { outcome: string; engine: string; changes: { path: string }[]; needsInput: { toolId: string; param: string; label: string }[]; notUnderstood: string[]; spec: { tools: { id: string; config: Record<string, unknown> }[]; systemPrompt: string; apiTools?: { allowedHosts: string[]; operations: { method: string; path: string }[] }[] } };

describe("agent-builder change", () => {
  test("a request that needs a setting says which, by its human name; --answer resumes it", async () => {
    const asked = await cli(["change", specPath, "add the Slack MCP server", "--json"]);
    assert.equal(asked.code, 0, asked.err);
    const a = JSON.parse(asked.out) as Result;
    assert.equal(a.outcome, "needs-input");
    assert.equal(a.engine, "rules");
    assert.match(a.needsInput[0]!.label, /Slack workspace \(team\) ID/);
    const answered = JSON.parse((await cli(["change", specPath, "add the Slack MCP server", "--answer", "mcp_slack.team_id=T012AB3CD", "--json"])).out) as Result;
    assert.equal(answered.outcome, "changed");
    assert.deepEqual(answered.spec.tools.at(-1), { id: "mcp_slack", config: { team_id: "T012AB3CD" } });
  });

  test("several needs in one request, no change, and not understood", async () => {
    const r = JSON.parse((await cli(["change", specPath, "answer in Spanish and French too, and look up orders at https://api.example.com/orders/{id}", "--json"])).out) as Result;
    assert.equal(r.outcome, "changed");
    assert.match(r.spec.systemPrompt, /Languages: .*Spanish, French/);
    // The endpoint becomes one of the agent's own API tools, allow-listed to its host.
    assert.deepEqual(r.spec.apiTools?.map((a) => [a.allowedHosts, a.operations.map((o) => `${o.method} ${o.path}`)]), [[["api.example.com"], ["GET /orders/{id}"]]]);
    assert.equal((JSON.parse((await cli(["change", specPath, "add a knowledge base", "--json"])).out) as Result).outcome, "no-change");
    assert.equal((JSON.parse((await cli(["change", specPath, "paint it purple", "--json"])).out) as Result).outcome, "not-understood");
  });

  test("bad command lines exit 2", async () => {
    assert.equal((await cli(["change", specPath])).code, 2);
    assert.equal((await cli(["change", specPath, "add slack", "--answer", "oops"])).code, 2);
    assert.equal((await cli(["change", join(work, "missing.json"), "add slack"])).code, 2);
  });
});

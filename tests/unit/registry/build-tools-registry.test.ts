import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildToolsJson, McpReference, toolEntryFor } from "../../../scripts/build-tools-registry";

const dir = join(__dirname, "../../../registry");
const toolsText = readFileSync(join(dir, "tools.json"), "utf8");
const referenceText = readFileSync(join(dir, "reference/mcp-servers.json"), "utf8");
const reference = McpReference.parse(JSON.parse(referenceText));
const sideEffectsText = readFileSync(join(dir, "reference/side-effects.json"), "utf8");

describe("registry/tools.json from registry/reference/mcp-servers.json", () => {
  test("tools.json holds exactly what the reference gives (run scripts/build-tools-registry.ts after editing the reference)", () => {
    assert.equal(buildToolsJson(toolsText, referenceText, sideEffectsText), toolsText);
  });

  test("every reference server pins an exact package version and records source and date", () => {
    for (const s of reference.servers) {
      if (s.launch.transport === "stdio") assert.match(s.launch.version, /^\d+\.\d+\.\d+$/, s.id);
      assert.ok(s.source.length > 20, `${s.id} has a source`);
      assert.match(s.asOf, /^\d{4}-\d{2}-\d{2}$/);
    }
  });

  test("stdio servers run the pinned package; secrets come from the environment, settings from cfg", () => {
    const dbhub = toolEntryFor(reference.servers.find((s) => s.id === "mcp_dbhub")!);
    assert.match(dbhub.python!.init[0]!, /"@bytebase\/dbhub@1\.4\.0"/);
    assert.match(dbhub.python!.init[0]!, /"DSN": os\.environ\["DATABASE_DSN"\]/);
    assert.match(dbhub.typescript!.init[0]!, /DSN: String\(process\.env\.DATABASE_DSN \?\? ""\)/);
    assert.equal(dbhub.platforms.lambda.supported, false);
    const atlassian = toolEntryFor(reference.servers.find((s) => s.id === "mcp_atlassian")!);
    assert.match(atlassian.python!.init[0]!, /"uvx", args=\["mcp-atlassian==0\.23\.1"\]/);
    assert.match(atlassian.python!.init[0]!, /"CONFLUENCE_URL": str\(cfg\["site_url"\]\) \+ "\/wiki"/);
  });

  test("a remote server sends its token as a header and runs everywhere, Lambda included", () => {
    const github = toolEntryFor(reference.servers.find((s) => s.id === "mcp_github")!);
    assert.match(github.python!.init[1]!, /headers=\{"Authorization": "Bearer " \+ os\.environ\["GITHUB_PAT"\]\}/);
    assert.match(github.typescript!.init[0]!, /StreamableHTTPClientTransport\(new URL\(String\(cfg\.url\)\)/);
    assert.equal(github.platforms.lambda.supported, true);
    assert.equal(github.config[0]!.default, "https://api.githubcopilot.com/mcp/");
  });
});

describe("side effects from registry/reference/side-effects.json", () => {
  test("the tools the issue names carry their side effects; read-only tools carry none", async () => {
    const { loadRegistryFrom } = await import("../../../server/registry/load");
    const tools = new Map(loadRegistryFrom(dir).tools.map((t) => [t.id, t.sideEffects]));
    assert.deepEqual(tools.get("shell_vended"), ["shell"]);
    assert.deepEqual(tools.get("file_write"), ["file-write"]);
    assert.deepEqual(tools.get("http_request_vended"), ["http-write"]);
    assert.deepEqual(tools.get("mcp_atlassian"), ["ticket", "message"]);
    assert.deepEqual(tools.get("mcp_slack"), ["message"]);
    for (const readOnly of ["calculator", "file_read", "mcp_aws_documentation", "notebook"]) assert.deepEqual(tools.get(readOnly), [], readOnly);
  });

  test("an unknown side effect or a tool the registry lacks is refused", () => {
    const bad = (tools: object) => JSON.stringify({ about: "x", tools });
    assert.throws(() => buildToolsJson(toolsText, referenceText, bad({ shell: { effects: ["explode"], why: "x" } })), /effects/);
    assert.throws(() => buildToolsJson(toolsText, referenceText, bad({ no_such_tool: { effects: ["shell"], why: "x" } })), /no_such_tool/);
  });
});

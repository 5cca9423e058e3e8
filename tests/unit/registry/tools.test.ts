import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, test } from "node:test";
import { ToolConflictError } from "../../../server/registry/errors";
import { loadRegistryFrom } from "../../../server/registry/load";
import { resolveTools, validateToolsForTarget } from "../../../server/registry/tools";
import { pySnippet, tool } from "./fixtures";

const ok = { supported: true, reason: null };
/** A fixture set with one declared conflict and one unsatisfiable package merge. */
const fixtures = [
  tool({ id: "alpha", python: pySnippet([{ name: "strands-agents", version: ">=1.0.0,<2.0.0" }, { name: "bedrock-agentcore", version: ">=1.1.0,<1.2.0" }], "alpha") }),
  tool({ id: "beta", python: pySnippet([{ name: "strands-agents", version: ">=1.54.0,<2.0.0" }, { name: "Bedrock_AgentCore", version: ">=1.2.0" }], "beta") }),
  tool({ id: "gamma", python: pySnippet([{ name: "strands-agents-tools[rss]", version: ">=0.8.6,<0.9.0" }], "gamma"), conflicts: [{ toolId: "delta", reason: "both register a tool named `gamma`" }] }),
  tool({ id: "delta", python: pySnippet([{ name: "strands-agents-tools[diagram]", version: ">=0.8.0" }], "delta"), conflicts: [{ toolId: "gamma", reason: "both register a tool named `gamma`" }] }),
  tool({
    id: "epsilon",
    env: [{ name: "API_KEY", secret: true, required: true, description: "key" }],
    iam: [{ actions: ["s3:DeleteObject"], resources: ["arn:aws:s3:::b/*"] }],
    platforms: { agentcore: ok, "ecs-fargate": ok, local: ok, lambda: { supported: false, reason: "needs a shell" } },
    alternatives: ["zeta", "delta", "gamma"],
  }),
  tool({
    id: "zeta",
    env: [{ name: "API_KEY", secret: false, required: false, description: "key" }],
    iam: [{ actions: ["s3:PutObject", "s3:GetObject"], resources: ["arn:aws:s3:::b/*"] }, { actions: ["bedrock:Retrieve"], resources: ["*"] }],
    typescript: { packages: [{ name: "@strands-agents/sdk", version: "1.16.0" }], imports: ['import { z } from "z"'], init: [], toolExpr: "z" },
    python: null,
  }),
];

function conflictOf(fn: () => unknown): ToolConflictError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ToolConflictError, String(e));
    return e;
  }
  assert.fail("expected a ToolConflictError");
}

describe("resolveTools", () => {
  test("finds the declared conflict in the fixture set, naming both tools and why", () => {
    const e = conflictOf(() => resolveTools(fixtures, ["gamma", "delta"], "python"));
    assert.equal(e.code, "conflict");
    assert.deepEqual(e.conflicts, [{ kind: "tools", tools: ["delta", "gamma"], reason: "both register a tool named `gamma`" }]);
    assert.match(e.message, /'delta' and 'gamma'/);
  });

  test("finds an unsatisfiable version merge, naming both sources", () => {
    const e = conflictOf(() => resolveTools(fixtures, ["alpha", "beta"], "python"));
    const [c] = e.conflicts;
    assert.equal(c?.kind, "package");
    assert.ok(c?.kind === "package");
    assert.equal(c.package, "bedrock-agentcore");
    assert.deepEqual(c.constraints.map((x) => x.toolId), ["alpha", "beta"]);
    assert.match(e.message, /'alpha' needs bedrock-agentcore>=1\.1\.0,<1\.2\.0, 'beta' needs bedrock-agentcore>=1\.2\.0/);
  });

  test("reports every conflict at once", () => {
    const e = conflictOf(() => resolveTools(fixtures, ["alpha", "beta", "gamma", "delta"], "python"));
    assert.equal(e.conflicts.length, 2);
    assert.deepEqual((e.details as { conflicts: unknown[] }).conflicts, e.conflicts);
  });

  test("merges version ranges and extras of compatible tools", () => {
    const r = resolveTools(fixtures, ["gamma", "alpha", "epsilon"], "python");
    const byName = Object.fromEntries(r.packages.map((p) => [p.name.replace(/\[.*\]/, ""), p]));
    assert.equal(byName["strands-agents"]?.version, ">=1.0.0,<2.0.0");
    assert.equal(byName["strands-agents-tools"]?.name, "strands-agents-tools[rss]");
    const both = resolveTools(fixtures.map((t) => (t.id === "delta" ? { ...t, conflicts: [] } : t.id === "gamma" ? { ...t, conflicts: [] } : t)), ["gamma", "delta"], "python");
    assert.deepEqual(both.packages.map((p) => [p.name, p.version]), [["strands-agents-tools[diagram,rss]", ">=0.8.6,<0.9.0"]]);
  });

  test("merges env vars and IAM statements; tools without the language are listed with alternatives", () => {
    const r = resolveTools(fixtures, ["epsilon", "zeta"], "python");
    assert.deepEqual(r.unavailable, [{ toolId: "zeta", reason: "'zeta' has no Python implementation", alternatives: [] }]);
    assert.deepEqual(r.env.map((e) => [e.name, e.secret, e.requiredBy]), [["API_KEY", true, ["epsilon"]]]);
    const ts = resolveTools(fixtures, ["epsilon", "zeta"], "typescript");
    // epsilon has no TypeScript snippet, so its s3:DeleteObject is not granted.
    assert.deepEqual(ts.iam, [{ actions: ["bedrock:Retrieve"], resources: ["*"] }, { actions: ["s3:GetObject", "s3:PutObject"], resources: ["arn:aws:s3:::b/*"] }]);
    assert.deepEqual(ts.unavailable.map((u) => [u.toolId, u.alternatives]), [["epsilon", ["zeta"]]]);
    const py = resolveTools(fixtures.map((t) => (t.id === "zeta" ? { ...t, python: pySnippet([], "zeta") } : t)), ["epsilon", "zeta"], "python");
    assert.deepEqual(py.iam, [{ actions: ["bedrock:Retrieve"], resources: ["*"] }, { actions: ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"], resources: ["arn:aws:s3:::b/*"] }]);
    assert.deepEqual(py.env.map((e) => [e.name, e.secret, e.required, e.requiredBy]), [["API_KEY", true, true, ["epsilon", "zeta"]]]);
  });

  test("unknown ids are not_found naming the id; bad input is invalid", () => {
    assert.throws(() => resolveTools(fixtures, ["alpha", "omega"], "python"), (e: { code?: string; message?: string }) => e.code === "not_found" && /'omega'/.test(e.message ?? ""));
    assert.throws(() => resolveTools(fixtures, [], "python"), (e: { code?: string }) => e.code === "invalid");
    assert.throws(() => resolveTools(fixtures, ["alpha"], "rust" as never), (e: { code?: string }) => e.code === "invalid");
  });

  test("the real registry: vended and strands_tools requirements merge; same-name tools conflict", () => {
    const registry = loadRegistryFrom(join(process.cwd(), "registry"));
    const r = resolveTools(registry.tools, ["file_read", "shell_vended", "mcp_filesystem", "code_interpreter"], "python");
    const strands = r.packages.find((p) => p.name === "strands-agents");
    assert.equal(strands?.version, ">=1.54.0,<2.0.0");
    assert.ok(r.packages.some((p) => p.name === "strands-agents-tools[agent-core-code-interpreter]"));
    const e = conflictOf(() => resolveTools(registry.tools, ["http_request", "http_request_vended", "file_read"], "python"));
    assert.deepEqual(e.conflicts.map((c) => (c.kind === "tools" ? c.tools : [])), [["http_request", "http_request_vended"]]);
  });
});

describe("validateToolsForTarget", () => {
  test("warns about tools that do not run on the target, offering alternatives that do", () => {
    const warnings = validateToolsForTarget(fixtures, ["epsilon", "alpha"], "lambda");
    assert.deepEqual(warnings, [{ toolId: "epsilon", target: "lambda", severity: "unsupported", reason: "needs a shell", alternatives: ["zeta", "delta", "gamma"] }]);
    assert.deepEqual(validateToolsForTarget(fixtures, ["epsilon"], "agentcore"), []);
  });

  test("the real registry: a local browser on Lambda suggests the AgentCore Browser", () => {
    const registry = loadRegistryFrom(join(process.cwd(), "registry"));
    const [w] = validateToolsForTarget(registry.tools, ["browser_local"], "lambda");
    assert.equal(w?.severity, "unsupported");
    assert.match(w?.reason ?? "", /Chromium/);
    assert.ok(w?.alternatives.includes("browser_agentcore"));
    for (const alt of w?.alternatives ?? []) assert.equal(registry.toolById.get(alt)?.platforms.lambda.supported, true, alt);
  });

  test("deprecated tools point to their replacement; caveats are reported", () => {
    const registry = loadRegistryFrom(join(process.cwd(), "registry"));
    const warnings = validateToolsForTarget(registry.tools, ["editor", "file_write"], "lambda");
    assert.deepEqual(warnings.map((w) => [w.toolId, w.severity]), [["editor", "caveat"], ["editor", "deprecated"], ["file_write", "caveat"]]);
    assert.ok(warnings[1]?.alternatives.includes("file_editor"));
    assert.match(warnings[2]?.reason ?? "", /\/tmp/);
  });

  test("a deprecated tool is judged as the replacement it is generated as (tool-fit's generatedEntry)", () => {
    const registry = loadRegistryFrom(join(process.cwd(), "registry"));
    // current_time itself runs on Lambda; its replacement, the Time MCP server, does not.
    const [unsupported] = validateToolsForTarget(registry.tools, ["current_time"], "lambda");
    assert.equal(unsupported?.severity, "unsupported");
    assert.match(unsupported?.reason ?? "", /^'current_time' is generated as 'mcp_time': /);
    assert.ok(!validateToolsForTarget(registry.tools, ["current_time"], "agentcore").some((w) => w.severity === "unsupported"));
    // editor has no TypeScript snippet; file_editor, which it is generated as, has.
    const ts = resolveTools(registry.tools, ["editor"], "typescript");
    assert.deepEqual(ts.unavailable, []);
    assert.deepEqual(ts.tools[0]?.generatedAs, { id: "file_editor", name: registry.toolById.get("file_editor")!.name });
    assert.deepEqual(ts.tools[0]?.packages, registry.toolById.get("file_editor")!.typescript!.packages);
    assert.equal(resolveTools(registry.tools, ["file_editor"], "typescript").tools[0]?.generatedAs, null);
  });

  test("unknown ids and unknown targets are rejected", () => {
    assert.throws(() => validateToolsForTarget(fixtures, ["nope"], "lambda"), (e: { code?: string }) => e.code === "not_found");
    assert.throws(() => validateToolsForTarget(fixtures, ["alpha"], "k8s" as never), (e: { code?: string }) => e.code === "invalid");
  });
});

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { SideEffect, ToolConfigParam, ToolEntry, ToolRegistryFile } from "../server/registry/schema";

/**
 * Writes the MCP server entries described in registry/reference/mcp-servers.json into
 * registry/tools.json (replacing entries with the same id, appending new ones), so the
 * package, version, settings and source of each entry come from one sourced file and the
 * snippets are generated the same way for every server, and marks the tools listed in
 * registry/reference/side-effects.json with their `sideEffects` (the rest have none).
 * `--check` fails when tools.json is not what the references give.
 *   npx tsx scripts/build-tools-registry.ts [--check]
 */

const Value = z.union([
  z.object({ cfg: z.string(), suffix: z.string().optional() }),
  z.object({ secret: z.string() }),
  z.object({ literal: z.string() }),
]);
type Value = z.infer<typeof Value>;
const Stdio = z.object({
  transport: z.literal("stdio"),
  command: z.enum(["npx", "uvx"]),
  package: z.string(),
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  registry: z.enum(["npm", "pypi"]),
  args: z.array(z.union([z.string(), Value])).default([]),
  env: z.record(z.string(), Value).default({}),
});
const Http = z.object({ transport: z.literal("http"), urlConfig: z.string(), headers: z.record(z.string(), z.object({ prefix: z.string(), secret: z.string() })) });
const Server = z.object({
  id: z.string(), name: z.string(), category: ToolEntry.shape.category, description: z.string(),
  launch: z.discriminatedUnion("transport", [Stdio, Http]),
  config: z.array(ToolConfigParam), env: ToolEntry.shape.env, alternatives: z.array(z.string()),
  platformNote: z.string().optional(), example: z.string(), source: z.string(), asOf: z.string(),
});
type Server = z.infer<typeof Server>;
export const McpReference = z.object({ about: z.string(), servers: z.array(Server), noMaintainedServer: z.record(z.string(), z.string()) });

const camel = (id: string) => id.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const py = (v: Value | string): string =>
  typeof v === "string" ? JSON.stringify(v) : "literal" in v ? JSON.stringify(v.literal) : "secret" in v ? `os.environ[${JSON.stringify(v.secret)}]` : `str(cfg[${JSON.stringify(v.cfg)}])${v.suffix ? ` + ${JSON.stringify(v.suffix)}` : ""}`;
const ts = (v: Value | string): string =>
  typeof v === "string" ? JSON.stringify(v) : "literal" in v ? JSON.stringify(v.literal) : "secret" in v ? `String(process.env.${v.secret} ?? "")` : `String(cfg.${v.cfg})${v.suffix ? ` + ${JSON.stringify(v.suffix)}` : ""}`;

const PY_PACKAGES = [{ name: "strands-agents", version: ">=1.0.0,<2.0.0" }, { name: "mcp", version: ">=1.23.0,<2.0.0" }];
const TS_PACKAGES = [{ name: "@strands-agents/sdk", version: "1.16.0" }, { name: "@modelcontextprotocol/sdk", version: "^1.25.2" }];

function snippets(s: Server): Pick<ToolEntry, "python" | "typescript" | "platforms"> {
  const l = s.launch;
  if (l.transport === "http") {
    const header = Object.entries(l.headers);
    const pyHeaders = `{${header.map(([k, h]) => `${JSON.stringify(k)}: ${JSON.stringify(h.prefix)} + os.environ[${JSON.stringify(h.secret)}]`).join(", ")}}`;
    const tsHeaders = `{ ${header.map(([k, h]) => `${JSON.stringify(k)}: ${JSON.stringify(h.prefix)} + String(process.env.${h.secret} ?? "")`).join(", ")} }`;
    const ok = { supported: true, reason: null };
    return {
      python: { packages: PY_PACKAGES, imports: ["import os", "from mcp.client.streamable_http import streamablehttp_client", "from strands.tools.mcp import MCPClient"],
        init: [`${s.id}_url = str(cfg[${JSON.stringify(l.urlConfig)}])`, `${s.id} = MCPClient(lambda: streamablehttp_client(${s.id}_url, headers=${pyHeaders}))`], toolExpr: s.id },
      typescript: { packages: TS_PACKAGES, imports: ["import { McpClient } from \"@strands-agents/sdk\"", "import { StreamableHTTPClientTransport } from \"@modelcontextprotocol/sdk/client/streamableHttp.js\""],
        init: [`const ${camel(s.id)} = new McpClient({ transport: new StreamableHTTPClientTransport(new URL(String(cfg.${l.urlConfig})), { requestInit: { headers: ${tsHeaders} } }) })`], toolExpr: camel(s.id) },
      platforms: { agentcore: ok, "ecs-fargate": ok, lambda: ok, local: ok },
    };
  }
  const spec = l.command === "npx" ? `${l.package}@${l.version}` : `${l.package}==${l.version}`;
  const pyArgs = [...(l.command === "npx" ? ["-y"] : []), spec, ...l.args].map(py).join(", ");
  const tsArgs = [...(l.command === "npx" ? ["-y"] : []), spec, ...l.args].map(ts).join(", ");
  const env = Object.entries(l.env);
  const usesOs = env.some(([, v]) => "secret" in v);
  const pyEnv = env.length ? `, env={${env.map(([k, v]) => `${JSON.stringify(k)}: ${py(v)}`).join(", ")}}` : "";
  const tsEnv = env.length ? `, env: { ${env.map(([k, v]) => `${k}: ${ts(v)}`).join(", ")} }` : "";
  const runtime = l.command === "npx" ? "Node.js (npx) and reach the npm registry" : "uv (uvx) and reach PyPI";
  const note = s.platformNote ?? `the container image must include ${runtime} at start-up`;
  return {
    python: { packages: PY_PACKAGES, imports: [...(usesOs ? ["import os"] : []), "from mcp import StdioServerParameters, stdio_client", "from strands.tools.mcp import MCPClient"],
      init: [`${s.id}_params = StdioServerParameters(command=${JSON.stringify(l.command)}, args=[${pyArgs}]${pyEnv})`, `${s.id} = MCPClient(lambda: stdio_client(${s.id}_params))`], toolExpr: s.id },
    typescript: { packages: TS_PACKAGES, imports: ["import { McpClient } from \"@strands-agents/sdk\"", "import { StdioClientTransport } from \"@modelcontextprotocol/sdk/client/stdio.js\""],
      init: [`const ${camel(s.id)} = new McpClient({ transport: new StdioClientTransport({ command: ${JSON.stringify(l.command)}, args: [${tsArgs}]${tsEnv} }) })`], toolExpr: camel(s.id) },
    platforms: {
      agentcore: { supported: true, reason: note },
      "ecs-fargate": { supported: true, reason: note },
      lambda: { supported: false, reason: `stdio MCP server started with ${l.command}: needs ${l.command === "npx" ? "Node.js" : "uv and Python"} in the deployment package, a writable cache and a package download at every cold start; use a remote (streamable HTTP) MCP server on Lambda` },
      local: { supported: true, reason: null },
    },
  };
}

export function toolEntryFor(s: Server): ToolEntry {
  return ToolEntry.parse({
    id: s.id, name: s.name, category: s.category, description: s.description, kind: "mcp-server", ...snippets(s),
    config: s.config, env: s.env, iam: [], conflicts: [], alternatives: s.alternatives, status: "active", replacedBy: null,
    example: s.example, source: s.source, asOf: s.asOf,
  });
}

export const SideEffectsReference = z.object({
  about: z.string(),
  tools: z.record(z.string(), z.object({ effects: z.array(SideEffect).min(1), why: z.string().min(1) })),
});

/** Each tool with its side effects from the reference; an id the registry lacks fails loudly. Empty lists are left out of the file. */
function withSideEffects(tools: ToolEntry[], reference: z.infer<typeof SideEffectsReference>): Array<Omit<ToolEntry, "sideEffects"> & { sideEffects?: ToolEntry["sideEffects"] }> {
  const unknown = Object.keys(reference.tools).filter((id) => !tools.some((t) => t.id === id));
  if (unknown.length > 0) throw new Error(`registry/reference/side-effects.json names tools the registry does not have: ${unknown.join(", ")}`);
  return tools.map(({ sideEffects: _old, ...t }) => {
    const effects = reference.tools[t.id]?.effects;
    return effects ? { ...t, sideEffects: [...effects] } : t;
  });
}

/** tools.json text with the reference's entries in place (same ids replaced, new ones appended) and side effects marked. */
export function buildToolsJson(toolsText: string, referenceText: string, sideEffectsText: string): string {
  const file = ToolRegistryFile.parse(JSON.parse(toolsText));
  const reference = McpReference.parse(JSON.parse(referenceText));
  const tools = [...file.tools];
  for (const entry of reference.servers.map(toolEntryFor)) {
    const at = tools.findIndex((t) => t.id === entry.id);
    if (at >= 0) tools[at] = entry;
    else tools.push(entry);
  }
  const marked = withSideEffects(tools, SideEffectsReference.parse(JSON.parse(sideEffectsText)));
  return `${JSON.stringify({ ...file, tools: marked }, null, 2)}\n`;
}

if (require.main === module) {
  const dir = join(__dirname, "../registry");
  const current = readFileSync(join(dir, "tools.json"), "utf8");
  const next = buildToolsJson(current, readFileSync(join(dir, "reference/mcp-servers.json"), "utf8"), readFileSync(join(dir, "reference/side-effects.json"), "utf8"));
  if (process.argv.includes("--check")) {
    if (next !== current) { console.error("registry/tools.json is out of date: run npx tsx scripts/build-tools-registry.ts"); process.exit(1); }
  } else writeFileSync(join(dir, "tools.json"), next);
}

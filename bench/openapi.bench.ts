import { buildApiTools } from "../server/generation/builders/api-tools";
import type { BuildInput } from "../server/generation/builders";
import { loadOpenApiDocument } from "../server/openapi/document";
import { parseApiTool } from "../server/openapi/import";
import { listOperations } from "../server/openapi/operations";
import type { AgentSpec } from "../server/spec/agent-spec";
import { manyOperationsDoc } from "../tests/unit/openapi/hostile-doc";
import { percentile } from "./stats";

/**
 * A 200-operation OpenAPI document → 200 tools, in process (target ≤ 100 ms): parse, resolve
 * refs, normalize every operation, validate the ApiTools (4 x 50 operations) and build the
 * Python and TypeScript tool files. The document is JSON (YAML of the same size parses slower).
 */

const DOC = manyOperationsDoc(200, ["Look up an order by id", "List the customer's open tickets", "Create a refund request"]);
const round = (n: number) => Math.round(n * 1000) / 1000;

async function documentToTools(language: "python" | "typescript"): Promise<number> {
  const doc = await loadOpenApiDocument(DOC);
  const { operations } = listOperations(doc);
  const apis = [0, 1, 2, 3].map((i) =>
    parseApiTool({ name: `api_${i}`, baseUrl: "https://api.example.com", allowedHosts: ["api.example.com"], operations: operations.slice(i * 50, i * 50 + 50).map((o) => o.operation) }),
  );
  const spec = { language, apiTools: apis } as unknown as AgentSpec;
  const files = buildApiTools({ project: { spec } } as unknown as BuildInput);
  return files.length + apis.reduce((n, a) => n + a.operations.length, 0);
}

async function measure(iterations: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < 5; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

export async function run(): Promise<Record<string, number>> {
  const tools = (await documentToTools("typescript")) - 1;
  const ts = await measure(30, () => documentToTools("typescript"));
  const py = await measure(30, () => documentToTools("python"));
  return {
    "document characters": DOC.length,
    "tools generated": tools,
    "document → TypeScript tools p50 ms (target ≤ 100)": round(ts.p50),
    "document → TypeScript tools p99 ms": round(ts.p99),
    "document → Python tools p50 ms (target ≤ 100)": round(py.p50),
    "document → Python tools p99 ms": round(py.p99),
  };
}

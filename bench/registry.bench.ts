import { join } from "node:path";
import { compareModels } from "../server/registry/compare";
import { loadRegistryFrom } from "../server/registry/load";
import { filterModels } from "../server/registry/models";
import { recommendModels } from "../server/registry/recommend";
import { resolveTools, validateToolsForTarget } from "../server/registry/tools";

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function measure(iterations: number, fn: () => unknown): { p50: number; p99: number } {
  for (let i = 0; i < Math.min(50, iterations); i++) fn(); // warm up the JIT
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Registry start-up and in-process service latency over the full registry (targets: filter and recommend p50 ≤ 1 ms). */
export async function run(): Promise<Record<string, number>> {
  const dir = join(process.cwd(), "registry");
  const coldStart = performance.now();
  const registry = loadRegistryFrom(dir);
  const cold = performance.now() - coldStart;
  const load = measure(20, () => loadRegistryFrom(dir));
  const filter = measure(2_000, () => filterModels(registry.models, { provider: "bedrock", capabilities: ["toolUse"], maxInputPrice: 5, minContext: 100_000, search: "claude" }));
  const recommend = measure(1_000, () =>
    recommendModels(registry.models, { useCase: "customer support agent answering from documents", monthlyBudgetUsd: 500, requiredCapabilities: ["toolUse"], requestsPerDay: 5_000 }),
  );
  const compare = measure(2_000, () => compareModels(registry.models, ["global.anthropic.claude-sonnet-5", "amazon.nova-pro-v1:0", "gpt-5.4-mini"]));
  const resolve = measure(2_000, () => resolveTools(registry.tools, ["file_read", "shell_vended", "mcp_filesystem", "code_interpreter", "tavily"], "python"));
  const validate = measure(2_000, () => validateToolsForTarget(registry.tools, ["browser_local", "python_repl", "file_write", "mcp_fetch"], "lambda"));
  return {
    "models in registry": registry.models.length,
    "tools in registry": registry.tools.length,
    "load+validate cold ms": round(cold),
    "load+validate p50 ms": round(load.p50),
    "filter p50 ms": round(filter.p50),
    "filter p99 ms": round(filter.p99),
    "recommend p50 ms": round(recommend.p50),
    "recommend p99 ms": round(recommend.p99),
    "compare p50 ms": round(compare.p50),
    "resolveTools p50 ms": round(resolve.p50),
    "validateToolsForTarget p50 ms": round(validate.p50),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().then((figures) => console.log(figures));
}

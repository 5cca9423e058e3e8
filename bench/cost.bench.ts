/**
 * Cost estimation speed, in process: estimateCost with the real registries (all models
 * considered for cheaper-model suggestions, a 12-month projection with growth), on a
 * warm process. Target (issue 5): p50 ≤ 1 ms.
 */
import { join } from "node:path";
import { estimateCost } from "../server/cost/estimate";
import { loadPricing } from "../server/cost/pricing";
import type { CostDeps } from "../server/cost/types";
import { loadRegistryFrom } from "../server/registry/load";
import type { AgentSpecInput } from "../server/spec/agent-spec";
import { percentile } from "./stats";

const ITERATIONS = 2000;
const WARMUP = 300;


const specs: AgentSpecInput[] = [
  { target: "lambda" as const, architecture: "x86_64" as const, memoryMb: 2048, timeoutSeconds: 120 },
  { target: "ecs-fargate" as const, architecture: "arm64" as const, cpu: 512 as const, memoryMb: 1024, desiredCount: 2, loadBalancer: true },
  { target: "agentcore" as const, vcpu: 1, memoryGb: 2 },
].map((deployment) => ({
  name: "bench-agent",
  description: "Benchmark agent",
  systemPrompt: "You are a careful support agent. ".repeat(40),
  model: { id: "us.anthropic.claude-sonnet-4-5-20250929-v1:0", maxTokens: 4096 },
  tools: [{ id: "calculator", config: {} }],
  memory: { type: "dynamodb" as const, windowSize: 20 },
  deployment,
  requirements: { capabilities: ["toolUse" as const], monthlyBudgetUsd: 500 },
}));

export async function run(): Promise<Record<string, number>> {
  const registry = loadRegistryFrom(join(process.cwd(), "registry"));
  const deps: CostDeps = { getModel: (id) => registry.modelById.get(id), listModels: () => registry.models, pricing: loadPricing() };
  const times: number[] = [];
  let suggestions = 0;
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    // Each call changes traffic, as the Cost tab does while the user types.
    const usage = { requestsPerMonth: 100_000 + i * 37, inputTokens: 2000, outputTokens: 500, toolRoundTrips: 1, growthRatePerMonth: 0.05 };
    const start = performance.now();
    const e = estimateCost(specs[i % specs.length], usage, deps);
    const ms = performance.now() - start;
    if (i >= WARMUP) times.push(ms);
    suggestions = e.suggestions.length;
  }
  times.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  return {
    "estimate p50 ms": round(percentile(times, 0.5)),
    "estimate p95 ms": round(percentile(times, 0.95)),
    "estimate max ms": round(times.at(-1)!),
    "models considered": registry.models.length,
    "suggestions per estimate": suggestions,
  };
}

if (process.argv[1]?.endsWith("cost.bench.ts")) {
  run().then((r) => console.log(JSON.stringify(r, null, 2)));
}

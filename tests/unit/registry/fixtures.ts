import { ModelEntry, ToolEntry } from "../../../server/registry/schema";

/** Schema-valid model entries for tests; override only what a test is about. */
export function model(overrides: Partial<ModelEntry> & { id: string }): ModelEntry {
  return ModelEntry.parse({
    baseModelId: null,
    inferenceProfile: null,
    provider: "bedrock",
    vendor: "Test",
    family: "Test",
    name: overrides.id,
    contextWindow: 128_000,
    maxOutputTokens: 4_096,
    capabilities: { toolUse: true, vision: false, reasoning: false, streaming: true, structuredOutput: null, promptCaching: null },
    pricing: { inputPer1M: 1, outputPer1M: 2, cacheReadPer1M: null, cacheWritePer1M: null, batchInputPer1M: null, batchOutputPer1M: null },
    status: "active",
    deprecationDate: null,
    recommended: false,
    local: overrides.provider === "ollama" ? { parameters: "8B", downloadSize: null } : null,
    source: "test fixture",
    asOf: "2026-07-24",
    ...overrides,
  });
}

const everywhere = { supported: true, reason: null };

/** Schema-valid tool entries for tests. */
export function tool(overrides: Partial<ToolEntry> & { id: string }): ToolEntry {
  return ToolEntry.parse({
    name: overrides.id,
    category: "utilities",
    description: "test tool",
    kind: "custom",
    python: { packages: [{ name: "strands-agents", version: ">=1.0.0,<2.0.0" }], imports: [`from x import ${overrides.id}`], init: [], toolExpr: overrides.id },
    typescript: null,
    config: [],
    env: [],
    iam: [],
    platforms: { agentcore: everywhere, "ecs-fargate": everywhere, lambda: everywhere, local: everywhere },
    conflicts: [],
    alternatives: [],
    status: "active",
    replacedBy: null,
    example: "example",
    source: "test fixture",
    asOf: "2026-08-07",
    ...overrides,
  });
}

export const pySnippet = (packages: { name: string; version: string }[], name = "t") => ({
  packages,
  imports: [`from x import ${name}`],
  init: [],
  toolExpr: name,
});

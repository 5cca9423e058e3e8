import type { Env } from "../../env";
import { startMockModelServer, type MockOptions } from "../mock-model/server";
import type { ModelServed } from "../types";
import { startBedrockBridge } from "./bedrock-bridge";
import type { ListenOn, ListeningServer } from "./listen";
import { probeEndpoint, startModelProxy } from "./proxy";

/**
 * Which model serves a test run: Bedrock when configured, an OpenAI-compatible endpoint
 * (Ollama) when one answers, otherwise the built-in mock. Whatever is chosen is started per
 * run behind the run's socket and recorded with the result.
 */

export type TestModelConfig = {
  mode: "auto" | "mock" | "openai-compatible" | "bedrock";
  baseUrl?: string;
  modelId?: string;
  llmProvider: "offline" | "bedrock" | "openai-compatible";
  llmBaseUrl?: string;
  llmModelId?: string;
  region: string;
};

/** What a run tells the model it starts; only the mock uses it (a real model has the deployed guardrail). */
export type RunModelContext = MockOptions;
export type ModelPlan = { served: ModelServed; start(on: ListenOn, run?: RunModelContext): Promise<ListeningServer> };

export const OLLAMA_URL = "http://127.0.0.1:11434";
const PROBE_TTL_MS = 30_000;
const probes = new Map<string, { at: number; models: string[] | null }>();

export function testModelConfig(e: Env): TestModelConfig {
  return { mode: e.TEST_RUN_MODEL, baseUrl: e.TEST_RUN_MODEL_BASE_URL, modelId: e.TEST_RUN_MODEL_ID, llmProvider: e.LLM_PROVIDER, llmBaseUrl: e.LLM_BASE_URL, llmModelId: e.LLM_MODEL_ID, region: e.AWS_REGION };
}

async function probe(url: string): Promise<string[] | null> {
  const hit = probes.get(url);
  if (hit && Date.now() - hit.at < PROBE_TTL_MS) return hit.models;
  const models = await probeEndpoint(url);
  probes.set(url, { at: Date.now(), models });
  return models;
}

export function mockPlan(agentModelId: string | null): ModelPlan {
  return { served: { kind: "mock", id: agentModelId ?? "mock", label: "mock" }, start: (on, run) => startMockModelServer(on, run) };
}

function endpointPlan(baseUrl: string, modelId: string, apiKey?: string): ModelPlan {
  const ollama = /:11434(\/|$)/.test(baseUrl);
  return { served: { kind: "openai-compatible", id: modelId, label: `${ollama ? "ollama" : "openai-compatible"}:${modelId}` }, start: (on) => startModelProxy({ baseUrl, modelId, apiKey }, on) };
}

function bedrockPlan(modelId: string, region: string): ModelPlan {
  return { served: { kind: "bedrock", id: modelId, label: `bedrock:${modelId}` }, start: (on) => startBedrockBridge({ modelId, region }, on) };
}

/** The plan for a run of an agent whose own model is `agentModelId` (null when unknown). */
export async function chooseModel(c: TestModelConfig, agentModelId: string | null): Promise<ModelPlan> {
  if (c.mode === "mock") return mockPlan(agentModelId);
  const bedrockModel = c.modelId ?? agentModelId ?? c.llmModelId;
  if (c.mode === "bedrock" || (c.mode === "auto" && c.llmProvider === "bedrock")) {
    if (bedrockModel) return bedrockPlan(bedrockModel, c.region);
  }
  if (c.mode === "bedrock") return mockPlan(agentModelId);
  const candidates = [c.baseUrl, c.llmProvider === "openai-compatible" ? c.llmBaseUrl : undefined, OLLAMA_URL].filter((u): u is string => !!u);
  for (const url of [...new Set(candidates)]) {
    const models = await probe(url);
    if (!models) continue;
    const id = c.modelId ?? c.llmModelId ?? (agentModelId && models.includes(agentModelId) ? agentModelId : models[0]);
    if (id) return endpointPlan(url, id);
  }
  return mockPlan(agentModelId);
}

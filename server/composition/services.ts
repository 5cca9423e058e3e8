import { join } from "node:path";
import { loadPricing, type PricingFile } from "../cost/pricing";
import { env } from "../env";
import { createLanguageModel, type LanguageModel } from "../llm";
import type { Platform } from "../platform/types";
import { loadRegistryFrom, type Registry } from "../registry/load";
import { createTestRunner, type TestRunner } from "../test-runs";

/**
 * What routers, workers and the CLI are handed instead of reaching for module globals: the
 * platform and everything built once per process on top of it.
 */
export type AppServices = {
  platform: Platform;
  /** The validated registry files. */
  registry: Registry;
  pricing: PricingFile;
  /** The configured model (offline, Bedrock or OpenAI-compatible), with its resilience wrapper. */
  languageModel: LanguageModel;
  /** Test runs of generated agents: the local sandbox or ECS tasks. */
  testRunner: TestRunner;
};

export type ServiceOverrides = Partial<Omit<AppServices, "platform">>;

/** Reads and validates registry/*.json under the working directory, where the app, workers and CLI start. */
export const loadRegistry = (): Registry => loadRegistryFrom(join(process.cwd(), "registry"));

/** The model the environment configures, over `registry`. */
export function configuredLanguageModel(registry: Registry): LanguageModel {
  const e = env();
  return createLanguageModel({ provider: e.LLM_PROVIDER, baseUrl: e.LLM_BASE_URL, modelId: e.LLM_MODEL_ID, region: e.AWS_REGION }, { registry });
}

/**
 * Builds every service for `platform`. The test runner is built on first use: workers and
 * the CLI never start test runs, and the runner's construction reads runtime settings.
 */
export function createServices(platform: Platform, overrides: ServiceOverrides = {}): AppServices {
  const registry = overrides.registry ?? loadRegistry();
  let testRunner = overrides.testRunner;
  return {
    platform,
    registry,
    pricing: overrides.pricing ?? loadPricing(),
    languageModel: overrides.languageModel ?? configuredLanguageModel(registry),
    get testRunner() {
      return (testRunner ??= createTestRunner(platform));
    },
    set testRunner(runner: TestRunner) {
      testRunner = runner;
    },
  };
}

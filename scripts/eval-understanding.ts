import { join } from "node:path";
import { env } from "../server/env";
import { createLanguageModel } from "../server/llm";
import { hasStructured } from "../server/llm/structured";
import { loadRegistryFrom } from "../server/registry/load";
import { modelEngine } from "./eval/model-engine";
import { offlineEngine } from "./eval/offline-engine";
import { evaluate, formatReport } from "./eval/run";

/**
 * `npm run eval:understanding [-- --verbose]`: scores the understanding engines on the dataset
 * in tests/fixtures/understanding — the offline rules always, and the configured model
 * (LLM_PROVIDER=bedrock or openai-compatible) when there is one.
 */
async function main() {
  const verbose = process.argv.includes("--verbose");
  const registry = loadRegistryFrom(join(__dirname, "../registry"));
  console.log(formatReport(await evaluate(offlineEngine(registry)), verbose));
  const e = env();
  if (e.LLM_PROVIDER === "offline") return void console.log("\n(no model configured: set LLM_PROVIDER to score it too)");
  const model = createLanguageModel({ provider: e.LLM_PROVIDER, baseUrl: e.LLM_BASE_URL, modelId: e.LLM_MODEL_ID, region: e.AWS_REGION }, { registry });
  if (hasStructured(model)) console.log(`\n${formatReport(await evaluate(modelEngine(model, registry)), verbose)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

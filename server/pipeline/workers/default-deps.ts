import { defaultUsage, estimateCost, loadPricing, parseCostUsage } from "../../cost";
import { generateProject } from "../../generation/generate-project";
import { verifyProject } from "../../generation/verify/verify-project";
import type { Platform } from "../../platform/types";
import { getRegistry, registryLookup } from "../../registry/load";
import { DAYS_PER_MONTH, DEFAULT_TRAFFIC } from "../../registry/recommend";
import { getLanguageModel } from "../../consultation/language-model";
import { hasStructured, type StructuredModel } from "../../llm/structured";
import { planChange } from "../understanding/model-plan";
import type { PipelineDeps } from "./deps";

/** The real engines behind the four workers: rule-based planning, the generator, verification, the estimator. */
export function createPipelineDeps(platform: Platform): PipelineDeps {
  const registry = getRegistry();
  const pricing = loadPricing();
  const lookup = registryLookup(registry);
  return {
    platform,
    registry: { models: registry.models, tools: registry.tools, ...lookup },
    plan: (spec, request, answers) => planChange(spec, request, registry, { answers, model: structuredModel() }),
    generate: (spec) => generateProject(spec, lookup),
    // Lambda's Node runtime has no python3: there the Python parse check is a warning, not a failure.
    verify: (files, generated) => verifyProject(files, { requiredIam: generated.requiredIam, python: platform.runtime === "aws" ? "optional" : "required" }),
    // Without a traffic figure in the spec, the stored estimate assumes the registry's default traffic (listed in its assumptions).
    estimate: (spec) => {
      const usage = parseCostUsage(defaultUsage(spec, spec.requirements.requestsPerDay === undefined ? { requestsPerMonth: DEFAULT_TRAFFIC.requestsPerDay * DAYS_PER_MONTH } : {}));
      return { usage, estimate: estimateCost(spec, usage, { getModel: lookup.getModel, listModels: () => registry.models, pricing }) };
    },
  };
}

/** The configured model when it can give structured answers (Bedrock, OpenAI-compatible); undefined offline. */
function structuredModel(): StructuredModel | undefined {
  const model = getLanguageModel();
  return hasStructured(model) ? model : undefined;
}

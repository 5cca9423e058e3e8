import { defaultUsage, estimateCost, loadPricing, parseCostUsage } from "../../cost";
import path from "node:path";
import { env } from "../../env";
import { generateProject } from "../../generation/generate-project";
import { lockfileCached, withNpmLockfile } from "../../generation/lockfile";
import type { ProjectFiles } from "../../generation/types";
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
    lockfile: lockfileFor(),
    // Lambda's Node runtime has no python3: there the Python parse check is a warning, not a failure.
    verify: (files, generated) => verifyProject(files, { requiredIam: generated.requiredIam, python: platform.runtime === "aws" ? "optional" : "required" }),
    // Without a traffic figure in the spec, the stored estimate assumes the registry's default traffic (listed in its assumptions).
    estimate: (spec) => {
      const usage = parseCostUsage(defaultUsage(spec, spec.requirements.requestsPerDay === undefined ? { requestsPerMonth: DEFAULT_TRAFFIC.requestsPerDay * DAYS_PER_MONTH } : {}));
      return { usage, estimate: estimateCost(spec, usage, { getModel: lookup.getModel, listModels: () => registry.models, pricing }) };
    },
  };
}

/**
 * Local workers resolve package-lock.json with npm as QA_REHEARSAL allows installs: "on"
 * resolves (registry calls), "cached" uses a lockfile already resolved for the same
 * dependencies, "off" none. Workers on AWS have no npm cache: none there.
 */
function lockfileFor(): PipelineDeps["lockfile"] {
  const e = env();
  if (e.APP_RUNTIME !== "local" || e.QA_REHEARSAL === "off") return undefined;
  const mode = e.QA_REHEARSAL;
  const cacheRoot = path.resolve(e.TEST_RUN_CACHE_DIR ?? path.join(e.DATA_DIR, "runner-cache"));
  return async (files: ProjectFiles) => {
    const pkg = files.get("package.json");
    const text = typeof pkg === "string" ? pkg : pkg ? new TextDecoder().decode(pkg) : null;
    if (text === null || (mode === "cached" && !lockfileCached(text, cacheRoot))) return null;
    return withNpmLockfile(files, cacheRoot);
  };
}

/** The configured model when it can give structured answers (Bedrock, OpenAI-compatible); undefined offline. */
function structuredModel(): StructuredModel | undefined {
  const model = getLanguageModel();
  return hasStructured(model) ? model : undefined;
}

import path from "node:path";
import { servicesFor } from "../../composition/root";
import { defaultUsage, estimateCost, parseCostUsage } from "../../cost";
import { costDepsFrom } from "../../cost/deps";
import { env } from "../../env";
import { generateProject } from "../../generation/generate-project";
import { lockfileCached, withNpmLockfile } from "../../generation/lockfile";
import type { ProjectFiles } from "../../generation/types";
import { verifyProject } from "../../generation/verify/verify-project";
import type { Platform } from "../../platform/types";
import { registryLookup } from "../../registry/load";
import { DAYS_PER_MONTH, DEFAULT_TRAFFIC } from "../../registry/recommend";
import { hasStructured } from "../../llm/structured";
import { planChange } from "../../understanding/model-plan";
import type { PipelineDeps } from "./deps";

/** The real engines behind the four workers: rule-based planning, the generator, verification, the estimator. */
export function createPipelineDeps(platform: Platform): PipelineDeps {
  const services = servicesFor(platform);
  const { registry, pricing } = services;
  const lookup = registryLookup(registry);
  // Read per plan: the model can be replaced while the workers run (tests inject failing ones).
  const structuredModel = () => (hasStructured(services.languageModel) ? services.languageModel : undefined);
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
      return { usage, estimate: estimateCost(spec, usage, costDepsFrom(registry, pricing)) };
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

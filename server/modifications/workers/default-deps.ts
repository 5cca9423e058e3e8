import path from "node:path";
import { servicesFor } from "../../composition/root";
import { defaultUsage, estimateCost, parseCostUsage } from "../../cost";
import { costDepsFrom } from "../../cost/deps";
import { env } from "../../env";
import { generateProject } from "../../generation/generate-project";
import { addLockfile } from "../../generation/lockfile";
import { blobLockfileCache, dirLockfileCache, MACHINE_LOCKFILE_CACHE, tieredLockfileCache } from "../../generation/lockfile/cache";
import { resolveNpmLockfile } from "../../generation/lockfile/npm-resolve";
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
    lockfile: lockfileFor(platform),
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
 * Every TypeScript version gets package-lock.json, locally and on AWS: taken from the blob store
 * when the same dependency set was resolved before, else resolved by npm from the registry
 * (the Dev worker Lambda runs the bundled npm package: stacks/config.ts installs it beside the
 * bundle). Local workers also keep this machine's directory cache (beside TEST_RUN_CACHE_DIR when
 * set), shared by every data directory (tests and e2e servers start with empty blob stores).
 */
function lockfileFor(platform: Platform): PipelineDeps["lockfile"] {
  const e = env();
  const blobs = blobLockfileCache(platform.blobs);
  const machine = e.APP_RUNTIME === "local" ? (e.TEST_RUN_CACHE_DIR ? path.resolve(e.TEST_RUN_CACHE_DIR, "npm-lock-files") : MACHINE_LOCKFILE_CACHE) : null;
  const cache = machine ? tieredLockfileCache(blobs, dirLockfileCache(machine)) : blobs;
  return (files: ProjectFiles) => addLockfile(files, { cache, resolve: (deps) => resolveNpmLockfile(deps) });
}

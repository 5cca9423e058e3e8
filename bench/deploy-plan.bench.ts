/**
 * Deploy plan speed, in process (issue 15): planDeployment of a stored five-tool version
 * (read the file set from the blob store, parse the CloudFormation, IAM, prerequisites,
 * cost) on the real local platform, warm. Target: p50 ≤ 50 ms.
 */
import { signUp } from "../server/auth/users";
import { loadPricing } from "../server/cost/pricing";
import { planDeployment, planDeps } from "../server/deploy/service/plan";
import { generateProject } from "../server/generation";
import { createLocalPlatform } from "../server/platform/local";
import { createProject } from "../server/projects/service";
import { registryLookup } from "../server/registry/load";
import { loadRegistry } from "../server/composition/services";
import { storeVersion } from "../server/versions/service";
import { FIVE_TOOL_SPEC } from "../tests/helpers/deploy-spec";
import { percentile } from "./stats";

const ITERATIONS = 300;
const WARMUP = 30;

export async function run(): Promise<Record<string, number>> {
  const platform = await createLocalPlatform({ dataDir: null });
  try {
    const user = await signUp(platform.db, { email: `bench-${Date.now()}@bench.local`, password: "correct horse battery" });
    const project = await createProject(platform.db, user.id, { name: "plan bench", description: "" });
    const registry = loadRegistry();
    const generated = generateProject(FIVE_TOOL_SPEC, registryLookup(registry));
    const version = await storeVersion(platform, { projectId: project.id, spec: FIVE_TOOL_SPEC, generated, verification: null });
    const times: number[] = [];
    let resources = 0;
    for (let i = 0; i < WARMUP + ITERATIONS; i++) {
      const t0 = performance.now();
      const plan = await planDeployment(platform, planDeps(registry, loadPricing()), user.id, { projectId: project.id, versionId: version.id, environment: i % 2 ? "dev" : "prod" });
      if (i >= WARMUP) times.push(performance.now() - t0);
      resources = plan.resources.length;
    }
    times.sort((a, b) => a - b);
    return {
      "deploy plan five tools p50 ms (target ≤ 50)": Number(percentile(times, 0.5).toFixed(2)),
      "deploy plan five tools p95 ms": Number(percentile(times, 0.95).toFixed(2)),
      "deploy plan resources listed": resources,
    };
  } finally {
    await platform.close();
  }
}

/**
 * Issue 12: the deploy rehearsal per TypeScript project with its dependencies and build
 * cached (target p50 ≤ 3 s), for each target, and `verify` in total per project (static
 * checks + rehearsal). The first, uncached round (installs, compiles, fetches Node 22) is
 * a warm-up and not counted. Cache: the OS temp directory, shared with the matrix test.
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateProject } from "../server/generation/generate-project";
import { rehearseProject } from "../server/generation/rehearse/rehearse-project";
import { verifyProject } from "../server/generation/verify/verify-project";
import { baseSpec, fixtureRegistry } from "../tests/unit/generation/fixtures";

const CACHE = join(tmpdir(), "agent-builder-rehearsal-cache");
const RUNS = 5;
const TARGETS = ["agentcore", "ecs-fargate", "lambda"] as const;

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);
};

export async function run(): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  const all: number[] = [];
  for (const target of TARGETS) {
    const project = generateProject(baseSpec({ name: `bench-${target}`, language: "typescript", tools: [{ id: "notebook" }], deployment: { target } }), fixtureRegistry);
    const warm = await rehearseProject(project.files, { cacheRoot: CACHE });
    if (warm.status !== "passed") throw new Error(`${target}: the rehearsal did not pass: ${warm.reason}`);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await rehearseProject(project.files, { cacheRoot: CACHE });
      if (r.status !== "passed") throw new Error(`${target}: ${r.reason}`);
      times.push(r.ms);
      figures[`${target} boot ms (last run)`] = r.checks.find((c) => c.name === "boot")!.ms;
    }
    all.push(...times);
    figures[`${target} rehearsal p50 ms (deps cached)`] = percentile(times, 50);
    figures[`${target} rehearsal max ms (deps cached)`] = Math.max(...times);
    const t0 = performance.now();
    const verified = await verifyProject(project.files, { requiredIam: project.requiredIam, rehearse: { cacheRoot: CACHE } });
    if (!verified.ok) throw new Error(`${target}: verify failed`);
    figures[`${target} verify total ms (static + rehearsal)`] = Math.round(performance.now() - t0);
  }
  figures["rehearsal p50 ms, all TypeScript targets (target ≤ 3000)"] = percentile(all, 50);
  return figures;
}

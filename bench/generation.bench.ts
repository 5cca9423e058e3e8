/**
 * Code generation figures: full generation (Python, AgentCore + CloudFormation, 5 tools)
 * cold and cached, ZIP of the project, and verification (reported separately).
 */
import { clearGenerationCache, generateProject } from "../server/generation/generate-project";
import { verifyProject } from "../server/generation/verify/verify-project";
import { zipProject } from "../server/generation/zip";
import { baseSpec, fiveToolSpec, fixtureRegistry } from "../tests/unit/generation/fixtures";

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 1000) / 1000;
};

async function time(n: number, fn: () => unknown | Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

export async function run(): Promise<Record<string, number>> {
  const spec = fiveToolSpec();
  generateProject(spec, fixtureRegistry); // load and compile the templates once
  const cold = await time(200, () => {
    clearGenerationCache();
    return generateProject(spec, fixtureRegistry);
  });
  const cached = await time(2000, () => generateProject(spec, fixtureRegistry));
  const project = generateProject(spec, fixtureRegistry);
  const zip = await time(50, () => zipProject(project.files));
  const verifyPy = await time(3, () => verifyProject(project.files, { requiredIam: project.requiredIam }));
  const ts = generateProject(baseSpec({ language: "typescript", tools: [{ id: "http_request" }] }), fixtureRegistry);
  const verifyTs = await time(3, () => verifyProject(ts.files, { requiredIam: ts.requiredIam }));
  return {
    "generate python agentcore 5 tools p50 ms": percentile(cold, 50),
    "generate python agentcore 5 tools p99 ms": percentile(cold, 99),
    "cached regeneration p50 ms": percentile(cached, 50),
    "zip p50 ms": percentile(zip, 50),
    "verify python project ms (min of 3)": Math.round(Math.min(...verifyPy)),
    "verify typescript project ms (first, cold)": Math.round(verifyTs[0]!),
    "verify typescript project ms (min of 3)": Math.round(Math.min(...verifyTs)),
    "project files": project.files.size,
  };
}

/**
 * Test-run figures: sandbox start to the agent's first byte of output (a minimal agent, and the
 * generated Strands agent on the mock model with cached dependencies), the sandbox's overhead
 * against a bare child process, and 10 concurrent runs of the generated agent.
 */
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { mockPlan } from "../server/test-runs/model/choose";
import { startMockModelServer } from "../server/test-runs/mock-model/server";
import { filesFromVersion, hashFiles, type LoadedFiles } from "../server/test-runs/prepare/project-files";
import { npmDepsKey, parseNpmDependencies } from "../server/test-runs/prepare/npm-deps";
import { runProject } from "../server/test-runs/run/run-project";
import { generate, scriptProject, TEST_CACHE, TS_SPEC } from "../tests/sandbox/helpers";

const MINIMAL = `process.stdout.write(JSON.stringify({ type: "final", output: "hi", usage: { inputTokens: 1, outputTokens: 1 } }) + "\\n");`;

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);
};

async function sandboxed(files: LoadedFiles, runId: string) {
  const probe: { firstByteMs?: number | null } = {};
  const outcome = await runProject({ runId, files, input: "List my notebooks", cacheRoot: TEST_CACHE, model: mockPlan("amazon.nova-pro-v1:0"), onEvent: () => undefined, probe });
  return { ok: outcome.status === "succeeded", firstByteMs: probe.firstByteMs ?? Number.NaN };
}

/** The same command as a plain child process: no namespaces, cgroup, uid switch or launcher. */
function bare(cwd: string, script: string, env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [script, "--input", "List my notebooks"], { cwd, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "ignore"] });
    let first: number | null = null;
    child.stdout.on("data", () => (first ??= performance.now() - t0));
    child.on("error", reject);
    child.on("close", () => resolve(first ?? Number.NaN));
  });
}

/** The generated agent laid out like the sandbox sees it, from the cache (deps and build). */
function bareProject(files: LoadedFiles): string {
  const dir = mkdtempSync(join(tmpdir(), "bench-bare-"));
  for (const [p, bytes] of files) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), bytes);
  }
  const deps = parseNpmDependencies(Buffer.from(files.get("package.json")!).toString("utf8"));
  symlinkSync(join(TEST_CACHE, "npm", npmDepsKey(deps), "node_modules"), join(dir, "node_modules"));
  cpSync(join(TEST_CACHE, "build", hashFiles(files, ["dist", "node_modules"])), join(dir, "dist"), { recursive: true });
  return dir;
}

export async function run(): Promise<Record<string, number>> {
  const minimal = scriptProject(MINIMAL);
  const agent = filesFromVersion(generate(TS_SPEC).files);
  await sandboxed(agent, "run_bench_warm"); // installs and builds once if the cache is cold

  const minSandbox: number[] = [];
  for (let i = 0; i < 30; i++) minSandbox.push((await sandboxed(minimal, `run_bench_min_${i}`)).firstByteMs);
  const minDir = mkdtempSync(join(tmpdir(), "bench-min-"));
  writeFileSync(join(minDir, "run-once.js"), MINIMAL);
  const minBare: number[] = [];
  for (let i = 0; i < 30; i++) minBare.push(await bare(minDir, "run-once.js", { PATH: "/usr/bin:/bin" }));

  const agentSandbox: number[] = [];
  for (let i = 0; i < 10; i++) agentSandbox.push((await sandboxed(agent, `run_bench_agent_${i}`)).firstByteMs);
  const mock = await startMockModelServer({ port: 0 });
  const dir = bareProject(agent);
  const agentBare: number[] = [];
  const env = { PATH: "/usr/bin:/bin", HOME: dir, AGENT_MODEL_PROVIDER: "openai-compatible", AGENT_MODEL_BASE_URL: mock.url!, AGENT_MODEL_ID: "amazon.nova-pro-v1:0" };
  for (let i = 0; i < 10; i++) agentBare.push(await bare(dir, "dist/run-once.js", env));
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(minDir, { recursive: true, force: true });

  const t0 = performance.now();
  const concurrent = await Promise.all(Array.from({ length: 10 }, (_, i) => sandboxed(agent, `run_bench_conc_${i}`)));
  const concurrentMs = performance.now() - t0;

  return {
    "sandbox start→first byte, minimal agent p50 ms": percentile(minSandbox, 50),
    "sandbox start→first byte, minimal agent p95 ms": percentile(minSandbox, 95),
    "bare child→first byte, minimal agent p50 ms": percentile(minBare, 50),
    "sandbox overhead, minimal agent p50 ms": percentile(minSandbox, 50) - percentile(minBare, 50),
    "sandbox start→first byte, generated agent + mock p50 ms": percentile(agentSandbox, 50),
    "sandbox start→first byte, generated agent + mock p95 ms": percentile(agentSandbox, 95),
    "bare child→first byte, generated agent + mock p50 ms": percentile(agentBare, 50),
    "10 concurrent generated-agent runs: wall ms": Math.round(concurrentMs),
    "10 concurrent generated-agent runs: failures": concurrent.filter((r) => !r.ok).length,
  };
}

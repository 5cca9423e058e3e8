import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateProject } from "../../server/generation/generate-project";
import type { GeneratedProject } from "../../server/generation/types";
import type { LocalPlatform } from "../../server/platform/local";
import type { ProjectEvent } from "../../server/platform/types";
import { registryLookup } from "../../server/registry/load";
import { loadRegistry } from "../../server/composition/services";
import { overrideServices } from "../../server/composition/root";
import type { SandboxLimits } from "../../server/test-runs/limits";
import { LocalTestRunner } from "../../server/test-runs/local-runner";
import { mockPlan } from "../../server/test-runs/model/choose";
import type { LoadedFiles } from "../../server/test-runs/prepare/project-files";
import { runProject } from "../../server/test-runs/run/run-project";
import { CGROUP_PARENT } from "../../server/test-runs/sandbox/cgroup";
import { SANDBOX_UIDS } from "../../server/test-runs/sandbox/host";
import type { RunEvent } from "../../server/test-runs/types";
import { storeVersion } from "../../server/versions/service";
import { startTestPlatform } from "../helpers/platform";
import { SPEC } from "../helpers/pipeline";

/**
 * Shared by the test-run suites (tests/integration/testing*.test.ts, tests/sandbox/). The
 * dependency cache lives in the system temp dir so the generated agent's first `npm install`
 * (about a minute) is paid once per machine, not per file or per run.
 */

export const TEST_CACHE = join(tmpdir(), "agent-builder-test-runner-cache");

/** A TypeScript agent with a local tool (notebook), so the mock model can make it call a tool. */
export const TS_SPEC = { ...SPEC, name: "ts-run-agent", language: "typescript", tools: [{ id: "notebook" }] } as const;

export function generate(spec: unknown): GeneratedProject {
  const r = loadRegistry();
  return generateProject(spec, registryLookup(r));
}

/** Stores a generated project as the project's next version (what the pipeline's Ops step does). */
export async function storeGenerated(platform: LocalPlatform, projectId: string, spec: unknown = TS_SPEC) {
  return storeVersion(platform, { projectId, spec, generated: generate(spec), verification: null });
}

/** Stores a "prebuilt" agent (see scriptProject) as a version: runs in well under a second, no install. */
export async function storeScript(platform: LocalPlatform, projectId: string, source: string, extra: Record<string, string> = {}) {
  const files = new Map<string, string>(Object.entries({ "package.json": JSON.stringify({ name: "scripted", version: "1.0.0" }), "dist/run-once.js": source, ...extra }));
  const hash = createHash("sha256").update(JSON.stringify([...files])).digest("hex");
  return storeVersion(platform, { projectId, spec: { source }, generated: { files, contentHash: hash, templateVersion: "test", notes: [], requiredIam: [] }, verification: null });
}

/** A scripted agent: prints events for `answer(input)` (a JS expression over `input`), optionally calling a tool. */
export const scriptedAgent = (answer: string, tool?: string) => `
const input = process.argv[process.argv.indexOf("--input") + 1];
const out = (e) => console.log(JSON.stringify(e));
${tool ? `out({ type: "tool_call", name: ${JSON.stringify(tool)}, input: { q: input } }); out({ type: "tool_result", name: ${JSON.stringify(tool)}, output: "ok" });` : ""}
const answer = ${answer};
for (const w of answer.split(" ")) out({ type: "text", delta: w + " " });
out({ type: "final", output: answer, usage: { inputTokens: 100, outputTokens: 20 } });`;

/** Every runner installed on a platform: stopping the platform waits for all of them, not only the first. */
const runnersOf = new WeakMap<LocalPlatform, LocalTestRunner[]>();

/** A local runner on the mock model and the shared cache, installed for the routers. */
export function useTestRunner(platform: LocalPlatform, o: { concurrency?: number; limits?: SandboxLimits } = {}): LocalTestRunner {
  const runner = new LocalTestRunner({
    platform,
    cacheRoot: TEST_CACHE,
    model: { mode: "mock", llmProvider: "offline", region: "us-east-1" },
    concurrency: o.concurrency ?? 2,
    limits: o.limits,
  });
  overrideServices(platform, { testRunner: runner });
  runnersOf.set(platform, [...(runnersOf.get(platform) ?? []), runner]);
  return runner;
}

/**
 * A test platform with the local test runner whose project events are recorded in `live`,
 * and how to stop both: every runner installed on it (a test may replace the first one)
 * finishes its runs first. A suite marked done can still be storing its last case's
 * logs; closing the database under it fails the file after its tests passed.
 */
export async function startRunnerPlatform(live: ProjectEvent[]): Promise<{ platform: LocalPlatform; runner: LocalTestRunner; stop: () => Promise<void> }> {
  const platform = await startTestPlatform();
  const runner = useTestRunner(platform);
  platform.events.subscribe((e) => live.push(e));
  return { platform, runner, stop: async () => (await Promise.all((runnersOf.get(platform) ?? []).map((r) => r.idle())), await platform.close()) };
}

/** Files of a "prebuilt" agent: package.json without dependencies and dist/run-once.js = `source`. */
export function scriptProject(source: string, extra: Record<string, string> = {}): LoadedFiles {
  const files: LoadedFiles = new Map();
  const add = (path: string, text: string) => files.set(path, new TextEncoder().encode(text));
  add("package.json", JSON.stringify({ name: "hostile", version: "1.0.0", type: "commonjs" }));
  add("dist/run-once.js", source);
  for (const [p, t] of Object.entries(extra)) add(p, t);
  return files;
}

let runCounter = 0;

/** Directories of runs still on disk (a run removes its own when it ends). */
export function runDirsLeft(runIds: string[]): string[] {
  const dir = join(tmpdir(), "agent-builder-runs");
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => runIds.some((id) => name.startsWith(`${id}-`)));
}

/** Runs a project straight through the sandbox (no database), collecting its events. */
export async function runFiles(files: LoadedFiles, input = "go", limits?: SandboxLimits) {
  const events: RunEvent[] = [];
  const probe: { uid?: number | null; cgroup?: string | null; firstByteMs?: number | null; sandboxStartMs?: number } = {};
  const runId = `run_test_${Date.now()}_${runCounter++}`;
  const outcome = await runProject({ runId, files, input, cacheRoot: TEST_CACHE, model: mockPlan("amazon.nova-pro-v1:0"), onEvent: (e) => events.push(e), limits, probe });
  return { runId, outcome, events, probe, text: events.map((e) => JSON.stringify(e)).join("\n") };
}

/** Processes of one uid, and processes in one run cgroup (both must be none once a run ended). */
export function leftovers(probe: { uid?: number | null; cgroup?: string | null }): string[] {
  const byUid = probe.uid ? execFileSync("ps", ["-eo", "uid=,pid=,args="], { encoding: "utf8" }).split("\n").filter((l) => Number(l.trim().split(/\s+/)[0]) === probe.uid) : [];
  const cgroupDir = probe.cgroup ? join("/sys/fs/cgroup/pids", CGROUP_PARENT, probe.cgroup) : null;
  return [...byUid, ...(cgroupDir && existsSync(cgroupDir) ? [`cgroup ${probe.cgroup} still exists`] : [])];
}

/** Processes running as a sandbox uid right now (host view). */
export function sandboxProcesses(): string[] {
  const out = execFileSync("ps", ["-eo", "uid=,pid=,args="], { encoding: "utf8" });
  return out
    .split("\n")
    .filter((l) => {
      const uid = Number(l.trim().split(/\s+/)[0]);
      return uid >= SANDBOX_UIDS.first && uid < SANDBOX_UIDS.first + SANDBOX_UIDS.count;
    })
    .filter((l) => l.trim());
}

/** Run cgroups that still hold a process (each run's cgroup is removed when it ends). */
export function liveRunCgroups(): string[] {
  const parent = join("/sys/fs/cgroup/pids", CGROUP_PARENT);
  if (!existsSync(parent)) return [];
  return readdirSync(parent, { withFileTypes: true })
    .filter((d) => d.isDirectory() && readFileSync(join(parent, d.name, "cgroup.procs"), "utf8").trim() !== "")
    .map((d) => d.name);
}

/** Polls until the run has finished (the runner works in the background). */
export async function waitForRun<T extends { status: string }>(get: () => Promise<T>, timeoutMs = 240_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const run = await get();
    if (run.status !== "queued" && run.status !== "running") return run;
    if (Date.now() > until) throw new Error(`run still ${run.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

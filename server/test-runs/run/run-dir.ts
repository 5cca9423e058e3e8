import { randomBytes } from "node:crypto";
import { lstatSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DomainError } from "../../errors";

/** Where a run (or a suite's one agent process) works, and the environment its agent gets. */

const RUNS_DIR = join(tmpdir(), "agent-builder-runs");

export type RunDir = {
  /** Names the sandbox's cgroup: letters, digits, _ and -. */
  name: string;
  /** The run's private directory (removed by the caller at the end). */
  dir: string;
  /** Where the project's files are copied (the sandbox's /app). */
  appDir: string;
};

/** A new private directory for the run `runId`, with an empty app/ inside. */
export function makeRunDir(runId: string): RunDir {
  const name = runId.replace(/[^a-z0-9_-]/gi, "").slice(0, 40) || "run";
  mkdirSync(RUNS_DIR, { recursive: true, mode: 0o711 });
  // The temp dir is shared: never work inside a directory someone else planted there.
  const owner = lstatSync(RUNS_DIR);
  if (!owner.isDirectory() || owner.uid !== process.getuid?.()) throw new DomainError("unavailable", `${RUNS_DIR} is not a directory owned by the runner`);
  const dir = join(RUNS_DIR, `${name}-${randomBytes(4).toString("hex")}`);
  mkdirSync(dir, { mode: 0o700 });
  const appDir = join(dir, "app");
  mkdirSync(appDir, { mode: 0o755 });
  return { name, dir, appDir };
}

/** The only environment the agent gets. */
export function agentEnv(language: "typescript" | "python", modelId: string): Record<string, string> {
  const common = { PATH: "/usr/bin:/bin", HOME: "/work", TMPDIR: "/tmp", LANG: "C.UTF-8", USER: "sandbox", AGENT_MODEL_PROVIDER: "openai-compatible", AGENT_MODEL_ID: modelId, AGENT_MODEL_API_KEY: "not-needed" };
  return language === "python" ? { ...common, PYTHONUNBUFFERED: "1", PYTHONDONTWRITEBYTECODE: "1", PYTHONNOUSERSITE: "1" } : { ...common, NODE_ENV: "production" };
}

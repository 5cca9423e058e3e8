import { rmSync } from "node:fs";
import { join } from "node:path";
import { DomainError } from "../../errors";
import { log } from "../../log";
import { RUN_LIMITS, type SandboxLimits } from "../limits";
import type { ModelPlan } from "../model/choose";
import type { ListeningServer } from "../model/listen";
import { PrepareError } from "../prepare/errors";
import { prepareProject } from "../prepare/prepare";
import { writeFiles, type LoadedFiles } from "../prepare/project-files";
import { runSandboxed } from "../sandbox/run-sandboxed";
import type { RunEvent, RunOutcome } from "../types";
import { RunCollector } from "./collect";
import { runModelContext } from "./model-context";
import { agentEnv, makeRunDir } from "./run-dir";

/**
 * One test run of a project, start to end: a private copy of its files, dependencies and
 * build from the cache, the model endpoint on the run's socket, the agent in the sandbox with
 * its events streamed as they come, then the outcome. Nothing is left behind: the run's
 * directory, endpoint, processes and cgroup are gone when this resolves. Never throws for a
 * failure of the run itself; that is the outcome's status.
 */

export type RunProjectOptions = {
  /** Names the run's directory and cgroup. */
  runId: string;
  files: LoadedFiles;
  input: string;
  cacheRoot: string;
  model: ModelPlan;
  onEvent(event: RunEvent): void;
  /**
   * Given, the agent's stdin carries approval decisions: this gets the function that sends one
   * (the generated run-once reads `{"approval": ID, "decision": "approve" | "deny"}` lines).
   */
  onDecisionChannel?(send: (d: ApprovalDecisionLine) => boolean): void;
  limits?: SandboxLimits;
  isolation?: "bwrap" | "process";
  /**
   * Aborted, the run ends at once: its installs, build and agent processes are killed and its
   * outcome is an error saying the abort's reason (a string: "The platform was stopped ...").
   */
  signal?: AbortSignal;
  /** Facts of the run for benchmarks and tests: when the sandbox started, its first byte, its uid and cgroup. */
  probe?: { sandboxStartMs?: number; firstByteMs?: number | null; uid?: number | null; cgroup?: string | null };
};

export type ApprovalDecisionLine = { approvalId: string; decision: "approve" | "deny" };

/** Why a run was ended from outside: the reason its signal was aborted with. */
export const abortReason = (signal: AbortSignal) => (typeof signal.reason === "string" ? signal.reason : "The run was stopped before it finished");

export async function runProject(o: RunProjectOptions): Promise<RunOutcome> {
  const limits = o.limits ?? RUN_LIMITS;
  const isolation = o.isolation ?? "bwrap";
  const collector = new RunCollector(performance.now(), o.onEvent);
  const { name, dir: runDir, appDir } = makeRunDir(o.runId);
  let endpoint: ListeningServer | null = null;
  try {
    writeFiles(appDir, o.files);
    const prepared = await prepareProject({ files: o.files, appDir, cacheRoot: o.cacheRoot, name, isolation, memoryMb: limits.memoryMb, onPhase: (p, m) => collector.phase(p, m), signal: o.signal });
    if (o.signal?.aborted) return collector.interrupted(abortReason(o.signal), o.model.served);
    endpoint = await o.model.start(isolation === "bwrap" ? { socketPath: join(runDir, "model.sock") } : { port: 0 }, runModelContext(o.files));
    collector.phase("running", o.model.served.kind === "mock" ? "Running the agent against the MOCK model" : `Running the agent against ${o.model.served.label}`);
    if (o.probe) o.probe.sandboxStartMs = performance.now();
    const exit = await runSandboxed(
      {
        name,
        isolation,
        mounts: prepared.mounts,
        // argparse would read an input that starts with "-" as an option; "--input=TEXT" cannot be misread.
        command: [...prepared.command, ...(prepared.language === "python" ? [`--input=${o.input}`] : ["--input", o.input])],
        env: agentEnv(prepared.language, o.model.served.id),
        cwd: "/work",
        limits,
        model: endpoint.socketPath ? { socketPath: endpoint.socketPath } : { url: endpoint.url! },
      },
      {
        stdout: (l) => collector.stdout(l),
        stderr: (l) => collector.stderr(l),
        input: o.onDecisionChannel && ((writeLine) => o.onDecisionChannel!((d) => writeLine(JSON.stringify({ approval: d.approvalId, decision: d.decision })))),
        signal: o.signal,
      },
    );
    if (o.probe) Object.assign(o.probe, { firstByteMs: exit.firstByteMs, uid: exit.uid, cgroup: exit.cgroup });
    if (o.signal?.aborted) return collector.interrupted(abortReason(o.signal), o.model.served);
    return collector.outcome(exit, limits, o.model.served);
  } catch (e) {
    // A killed install or build fails its step; the run failed because it was stopped.
    if (o.signal?.aborted) return collector.interrupted(abortReason(o.signal), o.model.served);
    if (e instanceof PrepareError) return collector.notStarted(e.status, e.message, o.model.served);
    log.error("test run failed", { runId: o.runId, error: e instanceof Error ? e.stack : String(e) });
    const message = e instanceof DomainError ? e.message : "an internal error (logged on the server)";
    return collector.notStarted("error", `The run could not be carried out: ${message}`, o.model.served);
  } finally {
    await endpoint?.close().catch(() => undefined);
    rmSync(runDir, { recursive: true, force: true });
  }
}

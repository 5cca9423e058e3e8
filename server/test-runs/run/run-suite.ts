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
import { runModelContext } from "./model-context";
import { abortReason } from "./run-project";
import { agentEnv, makeRunDir } from "./run-dir";
import { SuiteCases, suiteProcessLimits, type SuiteCase } from "./suite-cases";

/**
 * A test suite's cases against one version, in ONE sandboxed agent process: the project is
 * prepared, the model endpoint opened and the agent (its dist/run-suite.js) started once, and
 * the cases go in one after another (suite-cases.ts). Starting the agent is most of a single
 * run's time (Node loading the Strands SDK and the AWS SDK), so a suite pays it once. The
 * sandbox is a single run's: the cases are one user's cases of one version. Each case still
 * gets its own events, timing, trajectory and outcome; nothing is left behind at the end.
 * Never throws for a failure of the suite itself: every case gets an outcome.
 */

export type RunSuiteOptions = {
  /** Names the suite's directory and cgroup. */
  suiteId: string;
  files: LoadedFiles;
  cases: SuiteCase[];
  cacheRoot: string;
  model: ModelPlan;
  /** A single case's limits (the process gets them times the cases). */
  limits?: SandboxLimits;
  isolation?: "bwrap" | "process";
  /** Aborted, the suite ends at once (see RunProjectOptions.signal): the running case with the abort's reason, later ones not run. */
  signal?: AbortSignal;
};

export async function runSuiteProject(o: RunSuiteOptions): Promise<void> {
  if (o.cases.length === 0) return;
  const limits = o.limits ?? RUN_LIMITS;
  const isolation = o.isolation ?? "bwrap";
  const suite = new SuiteCases(o.cases, o.model.served, limits);
  let endpoint: ListeningServer | null = null;
  let runDir: string | null = null;
  try {
    const dir = makeRunDir(o.suiteId);
    runDir = dir.dir;
    writeFiles(dir.appDir, o.files);
    const prepared = await prepareProject({ files: o.files, appDir: dir.appDir, cacheRoot: o.cacheRoot, name: dir.name, isolation, memoryMb: limits.memoryMb, onPhase: (p, m) => suite.first.phase(p, m), signal: o.signal });
    if (!prepared.suiteCommand) throw new PrepareError("build_failed", "This project has no dist/run-suite.js to run a suite with");
    endpoint = await o.model.start(isolation === "bwrap" ? { socketPath: join(dir.dir, "model.sock") } : { port: 0 }, runModelContext(o.files));
    let input: { write: (line: string) => boolean; end: () => void } = { write: () => false, end: () => undefined };
    const exit = await runSandboxed(
      {
        name: dir.name,
        isolation,
        mounts: prepared.mounts,
        command: prepared.suiteCommand,
        env: agentEnv(prepared.language, o.model.served.id),
        cwd: "/work",
        limits: suiteProcessLimits(limits, o.cases.length),
        model: endpoint.socketPath ? { socketPath: endpoint.socketPath } : { url: endpoint.url! },
      },
      {
        stdout: (l) => suite.stdout(l),
        stderr: (l) => suite.stderr(l),
        input: (write, end) => (input = { write, end }),
        control: (c) => suite.attach(input.write, input.end, c),
        signal: o.signal,
      },
    );
    if (o.signal?.aborted) suite.interrupted(abortReason(o.signal));
    else suite.exited(exit);
  } catch (e) {
    if (o.signal?.aborted) return suite.interrupted(abortReason(o.signal));
    if (e instanceof PrepareError) return suite.failAll(e.status, e.message);
    log.error("test suite failed", { suiteId: o.suiteId, error: e instanceof Error ? e.stack : String(e) });
    const message = e instanceof DomainError ? e.message : "an internal error (logged on the server)";
    suite.failAll("error", `The run could not be carried out: ${message}`);
  } finally {
    await endpoint?.close().catch(() => undefined);
    if (runDir) rmSync(runDir, { recursive: true, force: true });
  }
}

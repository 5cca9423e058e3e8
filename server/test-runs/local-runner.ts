import { DomainError } from "../errors";
import type { ProjectFiles } from "../generation/types";
import { log } from "../log";
import type { Platform } from "../platform/types";
import { readVersionFiles } from "../versions/service";
import type { SandboxLimits } from "./limits";
import { chooseModel, type TestModelConfig } from "./model/choose";
import { filesFromVersion } from "./prepare/project-files";
import { hasSuiteRunner } from "./prepare/prepare";
import { runProject, type ApprovalDecisionLine } from "./run/run-project";
import { runSuiteProject } from "./run/run-suite";
import { sweepLeftCgroups } from "./sandbox/cgroup";
import { hostTools } from "./sandbox/host";
import type { ModelServed, RunJob, RunOutcome, RunReporter, SuiteRun, TestRunner } from "./types";

export type LocalRunnerOptions = {
  platform: Pick<Platform, "blobs">;
  /** Absolute directory of the dependency and build caches. */
  cacheRoot: string;
  model: TestModelConfig;
  /** Runs at once; the rest wait in line (2 cores are shared with the app). */
  concurrency: number;
  limits?: SandboxLimits;
};

/** How long a stop waits for the runs it ended to be stored before the platform goes on stopping. */
const STOP_GRACE_MS = 5_000;
export const STOPPED_DURING_RUN = "The platform was stopped during this run";
export const STOPPED_BEFORE_RUN = "The platform was stopped before this run started";

/**
 * Runs agents on this host, in-process in the background, each in its own sandbox
 * (server/test-runs/sandbox), at most `concurrency` at a time.
 */
export class LocalTestRunner implements TestRunner {
  readonly kind = "local" as const;
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly inFlight = new Set<Promise<void>>();
  /** Running agents' stdin, by run id: where approval decisions go. */
  private readonly decisionChannels = new Map<string, (d: ApprovalDecisionLine) => boolean>();
  /** Aborted by stop(): runs in flight are killed, runs in line and new ones end without starting. */
  private readonly stopping = new AbortController();

  constructor(private readonly o: LocalRunnerOptions) {
    // What a killed runner left running goes first; idle() waits for it like for a run.
    this.track(sweepLeftCgroups().catch((e: unknown) => log.warn("left-over sandbox cgroups not removed", { error: String(e) })));
  }

  async modelFor(agentModelId: string | null): Promise<ModelServed> {
    hostTools(); // refuse up front (SERVICE_UNAVAILABLE) where the sandbox cannot run
    return (await chooseModel(this.o.model, agentModelId)).served;
  }

  async start(job: RunJob, reporter: RunReporter, files?: ProjectFiles): Promise<void> {
    hostTools();
    if (this.active >= this.o.concurrency) reporter.event({ type: "status", phase: "queued", message: `Waiting for one of ${this.o.concurrency} test-run slots`, t: 0 });
    this.inSlot(() => this.execute(job, reporter, files));
  }

  /**
   * A suite's cases (one version) in one sandboxed agent process and one slot, when the
   * version has run-suite. Each case is finished (stored and judged) as it ends, while the
   * next one runs. False (nothing started) when the version has no run-suite: the caller then
   * starts the cases one by one, counting each it hands over. The version's files come with
   * the runs (the service read them once).
   */
  async startSuite(runs: SuiteRun[]): Promise<boolean> {
    hostTools();
    if (runs.length === 0) return true;
    const files = filesFromVersion(runs[0]!.files);
    if (!hasSuiteRunner(files)) return false;
    if (this.active >= this.o.concurrency) runs[0]!.reporter.event({ type: "status", phase: "queued", message: `Waiting for one of ${this.o.concurrency} test-run slots`, t: 0 });
    this.inSlot(() => this.executeSuite(runs, files));
    return true;
  }

  private inSlot(work: () => Promise<void>) {
    this.track(
      this.slot()
        .then(work)
        .finally(() => {
          this.active--;
          this.waiting.shift()?.();
        }),
    );
  }

  private track(task: Promise<void>) {
    this.inFlight.add(task);
    void task.finally(() => this.inFlight.delete(task));
  }

  async deliverDecision(runId: string, decision: ApprovalDecisionLine): Promise<boolean> {
    return this.decisionChannels.get(runId)?.(decision) ?? false;
  }

  /** Resolves when every accepted run has finished (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Ends every run, for the platform's stop: the ones in flight are killed (their agent
   * process trees, installs and builds) and stored as errors saying the platform was stopped,
   * the ones waiting in line and any started from now on are stored so without running. Waits
   * up to `graceMs` for those outcomes to be stored, so the stand-ins they are stored in stop
   * after them; a stop never hangs on a run (the processes are already killed by then).
   */
  async stop(graceMs = STOP_GRACE_MS): Promise<void> {
    this.stopping.abort(STOPPED_DURING_RUN);
    for (const release of this.waiting.splice(0)) release();
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)));
    const ended = await Promise.race([this.idle().then(() => true), gaveUp]);
    clearTimeout(timer);
    if (!ended) log.warn("test runs were still being stored when the runner stopped waiting", { runs: this.inFlight.size, graceMs });
  }

  private slot(): Promise<void> {
    if (this.active < this.o.concurrency || this.stopping.signal.aborted) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(() => (this.active++, resolve())));
  }

  private async executeSuite(runs: SuiteRun[], files: ReturnType<typeof filesFromVersion>): Promise<void> {
    const finishing = new Map<string, Promise<void>>();
    const finish = (r: SuiteRun, outcome: RunOutcome) => {
      if (finishing.has(r.job.runId)) return;
      this.decisionChannels.delete(r.job.runId);
      finishing.set(r.job.runId, r.reporter.finish(outcome).catch((e: unknown) => log.error("test run outcome not stored", { runId: r.job.runId, error: String(e) })));
    };
    const plan = await chooseModel(this.o.model, runs[0]!.job.agentModelId);
    if (this.stopping.signal.aborted) {
      for (const r of runs) finish(r, notRun(STOPPED_BEFORE_RUN, plan.served));
      return void (await Promise.all(finishing.values()));
    }
    try {
      await this.runSuite(runs, files, plan, finish);
    } catch (e) {
      log.error("test suite could not be finished", { runId: runs[0]!.job.runId, error: e instanceof Error ? e.stack : String(e) });
      const why = e instanceof DomainError ? e.message : "an internal error (logged on the server)";
      for (const r of runs) finish(r, notRun(`The run could not be carried out: ${why}`, plan.served));
    }
    await Promise.all(finishing.values());
  }

  private runSuite(runs: SuiteRun[], files: ReturnType<typeof filesFromVersion>, plan: Awaited<ReturnType<typeof chooseModel>>, finish: (r: SuiteRun, o: RunOutcome) => void) {
    return runSuiteProject({
      suiteId: runs[0]!.job.runId,
      files,
      cacheRoot: this.o.cacheRoot,
      model: plan,
      limits: this.o.limits,
      signal: this.stopping.signal,
      cases: runs.map((r) => ({
        runId: r.job.runId,
        input: r.job.input,
        onEvent: (e) => r.reporter.event(e),
        onDecisionChannel: (send) => this.decisionChannels.set(r.job.runId, send),
        onOutcome: (outcome) => finish(r, outcome),
      })),
    });
  }

  private versionFiles(job: RunJob, read: ProjectFiles | undefined): Promise<ProjectFiles> {
    return read ? Promise.resolve(read) : readVersionFiles(this.o.platform, { id: job.versionId, blobKey: job.blobKey });
  }

  private async execute(job: RunJob, reporter: RunReporter, read?: ProjectFiles): Promise<void> {
    const plan = await chooseModel(this.o.model, job.agentModelId);
    if (this.stopping.signal.aborted) return this.finishNotRun(job, reporter, notRun(STOPPED_BEFORE_RUN, plan.served));
    try {
      const files = filesFromVersion(await this.versionFiles(job, read));
      const outcome = await runProject({
        runId: job.runId,
        files,
        input: job.input,
        cacheRoot: this.o.cacheRoot,
        model: plan,
        onEvent: (e) => reporter.event(e),
        limits: this.o.limits,
        signal: this.stopping.signal,
        onDecisionChannel: (send) => this.decisionChannels.set(job.runId, send),
      }).finally(() => this.decisionChannels.delete(job.runId));
      await reporter.finish(outcome);
    } catch (e) {
      log.error("test run could not be finished", { runId: job.runId, error: e instanceof Error ? e.stack : String(e) });
      const why = e instanceof DomainError ? e.message : "an internal error (logged on the server)";
      await this.finishNotRun(job, reporter, notRun(`The run could not be carried out: ${why}`, plan.served));
    }
  }

  private finishNotRun(job: RunJob, reporter: RunReporter, outcome: RunOutcome): Promise<void> {
    return reporter.finish(outcome).catch((err: unknown) => log.error("test run outcome not stored", { runId: job.runId, error: String(err) }));
  }
}

/** The outcome of a run whose agent never ran. */
const notRun = (error: string, model: ModelServed): RunOutcome => ({ status: "error", error, output: "", firstTokenMs: null, totalMs: 0, tokensIn: null, tokensOut: null, toolCalls: [], logsExcerpt: "", events: [], model });

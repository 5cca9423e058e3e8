import { DomainError } from "../errors";
import { log } from "../log";
import type { Platform } from "../platform/types";
import { readVersionFiles } from "../versions/service";
import type { SandboxLimits } from "./limits";
import { chooseModel, type TestModelConfig } from "./model/choose";
import { filesFromVersion } from "./prepare/project-files";
import { runProject, type ApprovalDecisionLine } from "./run/run-project";
import { sweepEmptyCgroups } from "./sandbox/cgroup";
import { hostTools } from "./sandbox/host";
import type { ModelServed, RunJob, RunReporter, TestRunner } from "./types";

export type LocalRunnerOptions = {
  platform: Pick<Platform, "blobs">;
  /** Absolute directory of the dependency and build caches. */
  cacheRoot: string;
  model: TestModelConfig;
  /** Runs at once; the rest wait in line (2 cores are shared with the app). */
  concurrency: number;
  limits?: SandboxLimits;
};

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

  constructor(private readonly o: LocalRunnerOptions) {
    sweepEmptyCgroups();
  }

  async modelFor(agentModelId: string | null): Promise<ModelServed> {
    hostTools(); // refuse up front (SERVICE_UNAVAILABLE) where the sandbox cannot run
    return (await chooseModel(this.o.model, agentModelId)).served;
  }

  async start(job: RunJob, reporter: RunReporter): Promise<void> {
    hostTools();
    if (this.active >= this.o.concurrency) reporter.event({ type: "status", phase: "queued", message: `Waiting for one of ${this.o.concurrency} test-run slots`, t: 0 });
    const task = this.slot()
      .then(() => this.execute(job, reporter))
      .finally(() => {
        this.active--;
        this.waiting.shift()?.();
      });
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

  private slot(): Promise<void> {
    if (this.active < this.o.concurrency) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(() => (this.active++, resolve())));
  }

  private async execute(job: RunJob, reporter: RunReporter): Promise<void> {
    const plan = await chooseModel(this.o.model, job.agentModelId);
    try {
      const files = filesFromVersion(await readVersionFiles(this.o.platform, { id: job.versionId, blobKey: job.blobKey }));
      const outcome = await runProject({
        runId: job.runId,
        files,
        input: job.input,
        cacheRoot: this.o.cacheRoot,
        model: plan,
        onEvent: (e) => reporter.event(e),
        limits: this.o.limits,
        onDecisionChannel: (send) => this.decisionChannels.set(job.runId, send),
      }).finally(() => this.decisionChannels.delete(job.runId));
      await reporter.finish(outcome);
    } catch (e) {
      log.error("test run could not be finished", { runId: job.runId, error: e instanceof Error ? e.stack : String(e) });
      const why = e instanceof DomainError ? e.message : "an internal error (logged on the server)";
      await reporter
        .finish({ status: "error", error: `The run could not be carried out: ${why}`, output: "", firstTokenMs: null, totalMs: 0, tokensIn: null, tokensOut: null, toolCalls: [], logsExcerpt: "", events: [], model: plan.served })
        .catch((err: unknown) => log.error("test run outcome not stored", { runId: job.runId, error: String(err) }));
    }
  }
}

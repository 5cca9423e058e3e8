import type { SandboxLimits } from "../limits";
import { watchLimits, type LimitWatch } from "../sandbox/limit-watch";
import type { WatchedTree } from "../sandbox/limit-watch";
import type { SandboxExit } from "../sandbox/run-sandboxed";
import type { ModelServed, RunEvent, RunOutcome, RunStatus } from "../types";
import { RunCollector } from "./collect";
import type { ApprovalDecisionLine } from "./run-project";

/**
 * The cases of a suite in its one agent process (run-suite.ts): sends each case's input once
 * the previous case ended, hands each output line to the running case's own collector, and
 * gives every case exactly one outcome. The agent is untrusted: a case ends only on a final
 * or error event that names it, a line naming another case is kept as a log, and each case
 * keeps a single run's wall, CPU and output limits (a case over one kills the process). A
 * process that ends mid-suite fails the running case with its reason and every later case
 * with a reason naming it; no case is ever passed without its own final answer.
 */

export type SuiteCase = {
  runId: string;
  input: string;
  onEvent(e: RunEvent): void;
  /** Given, approval decisions for this case reach the agent while the case runs. */
  onDecisionChannel?(send: (d: ApprovalDecisionLine) => boolean): void;
  /** Called once with the case's outcome, as soon as it is known. */
  onOutcome(outcome: RunOutcome): void;
};

type Frame = { type?: unknown; case?: unknown };

function frameOf(line: string): Frame | null {
  if (!line.startsWith("{")) return null;
  try {
    const v: unknown = JSON.parse(line);
    return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Frame) : null;
  } catch {
    return null;
  }
}

export class SuiteCases {
  private readonly collectors: RunCollector[] = [];
  private at = 0;
  private ready = false;
  private readonly bornAt = performance.now();
  private write: (line: string) => boolean = () => false;
  private end: () => void = () => undefined;
  private control: WatchedTree | null = null;
  private caseStartedAt = 0;
  /** The running case's own wall, CPU and output limits (the sandbox's, restarted per case). */
  private watch: LimitWatch | null = null;

  constructor(
    private readonly cases: SuiteCase[],
    private readonly model: ModelServed,
    private readonly limits: SandboxLimits,
  ) {
    this.collectors[0] = new RunCollector(this.bornAt, cases[0]!.onEvent);
    cases.forEach((c, i) => i > 0 && c.onEvent({ type: "status", phase: "queued", message: `Case ${i + 1} of ${cases.length}: waits for the suite's agent process`, t: 0 }));
  }

  /** The first case's collector: the shared preparation's phases are shown on it. */
  get first(): RunCollector {
    return this.collectors[0]!;
  }

  /** The running process's input and control; its start is held to a case's wall and CPU limits too. */
  attach(write: (line: string) => boolean, end: () => void, control: WatchedTree | null) {
    Object.assign(this, { write, end, control });
    this.startCaseLimits();
  }

  stdout(line: string) {
    const frame = frameOf(line);
    if (!this.ready && frame?.type === "ready" && frame.case === undefined) {
      this.ready = true;
      return this.next();
    }
    const c = this.collectors[this.at];
    if (!c || !this.count(line)) return;
    const id = this.cases[this.at]!.runId;
    // Before the agent is ready its output (a failed start) is the first case's; after, only what names the case.
    if (frame === null || frame.case === id || (!this.ready && frame.case === undefined)) c.stdout(line);
    else c.note("stdout", line);
    if (this.ready && frame?.case === id && (frame.type === "final" || frame.type === "error")) this.endCase();
  }

  stderr(line: string) {
    const c = this.collectors[this.at];
    if (c && this.count(line)) c.stderr(line);
  }

  /** The process ended: the running case gets its failure, every later case a failure naming it. */
  exited(exit: SandboxExit) {
    this.watch?.stop();
    if (this.at >= this.cases.length) return;
    const i = this.at;
    const outcome = this.collectors[i]!.outcome(exit, this.limits, this.model, performance.now() - this.caseStartedAt);
    this.cases[i]!.onOutcome(outcome);
    const when = this.ready ? `during case ${i + 1} of ${this.cases.length}` : "before it was ready";
    this.failRest(i + 1, "failed", `Not run: the suite's agent process ended ${when} (${outcome.status}: ${outcome.error ?? "no reason given"})`);
  }

  /** The suite was ended from outside (the runner is stopping): the running case ends with `reason`, the later ones are not run. */
  interrupted(reason: string) {
    this.watch?.stop();
    if (this.at >= this.cases.length) return;
    const i = this.at;
    const c = (this.collectors[i] ??= new RunCollector(performance.now(), this.cases[i]!.onEvent));
    this.cases[i]!.onOutcome(c.interrupted(reason, this.model));
    this.failRest(i + 1, "error", `Not run: the suite was stopped during case ${i + 1} of ${this.cases.length} (${reason})`);
  }

  /** Every case without an outcome yet fails with `message` (the project could not be prepared or started). */
  failAll(status: Exclude<RunStatus, "queued" | "running">, message: string) {
    this.watch?.stop();
    this.failRest(this.at, status, message);
  }

  private failRest(from: number, status: Exclude<RunStatus, "queued" | "running">, message: string) {
    for (let i = from; i < this.cases.length; i++) {
      const c = this.collectors[i] ?? new RunCollector(performance.now(), this.cases[i]!.onEvent);
      this.cases[i]!.onOutcome(c.notStarted(status, message, this.model));
    }
    this.at = this.cases.length;
  }

  /** Starts the next case, or ends the agent's input when none is left. */
  private next() {
    if (this.at >= this.cases.length) return this.end();
    const i = this.at;
    const item = this.cases[i]!;
    const c = (this.collectors[i] ??= new RunCollector(performance.now(), item.onEvent));
    const boot = i === 0 ? `; the agent process started in ${Math.round(performance.now() - this.bornAt)} ms` : "";
    c.phase("running", `Running case ${i + 1} of ${this.cases.length} in the suite's agent process, against ${this.model.kind === "mock" ? "the MOCK model" : this.model.label}${boot}`);
    this.startCaseLimits();
    item.onDecisionChannel?.((d) => this.at === i && this.write(JSON.stringify({ approval: d.approvalId, decision: d.decision })));
    this.write(JSON.stringify({ case: item.runId, input: item.input }));
  }

  private endCase() {
    this.watch?.stop();
    this.cases[this.at]!.onOutcome(this.collectors[this.at]!.caseOutcome(this.model));
    this.at++;
    this.next();
  }

  /** Counts a case's output against its own output limit; false once over it (the process is being killed). */
  private count(line: string): boolean {
    return this.watch?.count(Buffer.byteLength(line) + 1) ?? true;
  }

  private startCaseLimits() {
    this.watch?.stop();
    this.caseStartedAt = performance.now();
    this.watch = this.control ? watchLimits(this.limits, this.control) : null;
  }
}

/** The whole suite process's limits: a case's, times the cases (plus one for starting); each case is held to its own. */
export function suiteProcessLimits(l: SandboxLimits, cases: number): SandboxLimits {
  const n = cases + 1;
  return { ...l, wallMs: l.wallMs * n, cpuSeconds: l.cpuSeconds * n, outputBytes: l.outputBytes * n };
}

import type { SandboxLimits } from "../limits";
import type { SandboxControl, SandboxExit } from "../sandbox/run-sandboxed";
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

const CPU_POLL_MS = 200;
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
  private control: SandboxControl | null = null;
  private caseStart = { at: 0, cpuMs: 0, bytes: 0 };
  private timers: { wall?: NodeJS.Timeout; cpu?: NodeJS.Timeout } = {};

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
  attach(write: (line: string) => boolean, end: () => void, control: SandboxControl | null) {
    Object.assign(this, { write, end, control });
    this.caseStart = { at: performance.now(), cpuMs: control?.cpuMs() ?? 0, bytes: 0 };
    this.startTimers();
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
    this.stopTimers();
    if (this.at >= this.cases.length) return;
    const i = this.at;
    const outcome = this.collectors[i]!.outcome(exit, this.limits, this.model, performance.now() - this.caseStart.at);
    this.cases[i]!.onOutcome(outcome);
    const when = this.ready ? `during case ${i + 1} of ${this.cases.length}` : "before it was ready";
    this.failRest(i + 1, "failed", `Not run: the suite's agent process ended ${when} (${outcome.status}: ${outcome.error ?? "no reason given"})`);
  }

  /** Every case without an outcome yet fails with `message` (the project could not be prepared or started). */
  failAll(status: Exclude<RunStatus, "queued" | "running">, message: string) {
    this.stopTimers();
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
    this.caseStart = { at: performance.now(), cpuMs: this.control?.cpuMs() ?? 0, bytes: 0 };
    this.startTimers();
    item.onDecisionChannel?.((d) => this.at === i && this.write(JSON.stringify({ approval: d.approvalId, decision: d.decision })));
    this.write(JSON.stringify({ case: item.runId, input: item.input }));
  }

  private endCase() {
    this.stopTimers();
    this.cases[this.at]!.onOutcome(this.collectors[this.at]!.caseOutcome(this.model));
    this.at++;
    this.next();
  }

  /** Counts a case's output against its own output limit; false once over it (the process is being killed). */
  private count(line: string): boolean {
    this.caseStart.bytes += Buffer.byteLength(line) + 1;
    if (this.caseStart.bytes <= this.limits.outputBytes) return true;
    this.control?.kill("output_limit");
    return false;
  }

  private startTimers() {
    this.stopTimers();
    this.timers.wall = setTimeout(() => this.control?.kill("timeout"), this.limits.wallMs);
    this.timers.cpu = setInterval(() => {
      const used = this.control?.cpuMs();
      if (used != null && used - this.caseStart.cpuMs > this.limits.cpuSeconds * 1000) this.control?.kill("cpu_limit");
    }, CPU_POLL_MS);
  }

  private stopTimers() {
    clearTimeout(this.timers.wall);
    clearInterval(this.timers.cpu);
  }
}

/** The whole suite process's limits: a case's, times the cases (plus one for starting); each case is held to its own. */
export function suiteProcessLimits(l: SandboxLimits, cases: number): SandboxLimits {
  const n = cases + 1;
  return { ...l, wallMs: l.wallMs * n, cpuSeconds: l.cpuSeconds * n, outputBytes: l.outputBytes * n };
}

import { describeLimit, LOGS_EXCERPT_CHARS, MAX_OUTPUT_CHARS, MAX_STORED_EVENTS, type SandboxLimits } from "../limits";
import type { SandboxExit } from "../sandbox/run-sandboxed";
import { AgentEvent, type ModelServed, type RunEvent, type RunOutcome, type RunPhase, type StatusEvent, type ToolCallRecord } from "../types";

/**
 * Turns an agent's output lines into events and, at the end, its outcome. Agent output is
 * untrusted: lines that are not contract events become logs, every field is size-capped,
 * and only the first MAX_STORED_EVENTS events are kept (all of them still count).
 */

const MAX_FIELD = 16_000;
const MAX_JSON = 8_000;

const cut = (s: string, max = MAX_FIELD) => (s.length > max ? `${s.slice(0, max)}… [${s.length - max} more characters]` : s);

function capJson(value: unknown): unknown {
  let text: string;
  try {
    text = JSON.stringify(value) ?? "null";
  } catch {
    return "[unserialisable]";
  }
  return text.length > MAX_JSON ? cut(text, MAX_JSON) : value;
}

function capEvent(e: AgentEvent): AgentEvent {
  switch (e.type) {
    case "text":
      return { type: "text", delta: cut(e.delta) };
    case "tool_call":
      return { type: "tool_call", name: cut(e.name, 200), input: capJson(e.input) };
    case "tool_result":
      return { type: "tool_result", name: cut(e.name, 200), output: capJson(e.output) };
    case "log":
      return { type: "log", level: cut(e.level, 20), message: cut(e.message, 4_000) };
    case "final":
      return { type: "final", output: cut(e.output, MAX_OUTPUT_CHARS), usage: e.usage };
    case "error":
      return { type: "error", message: cut(e.message, 4_000) };
    case "guardrail":
      return { type: "guardrail", action: e.action, message: cut(e.message, 4_000) };
    case "approval_request":
      return { type: "approval_request", id: cut(e.id, 100), tool: cut(e.tool, 200), input: capJson(e.input), expiresAt: cut(e.expiresAt, 40) };
    case "approval_decision":
      return { type: "approval_decision", id: cut(e.id, 100), tool: cut(e.tool, 200), decision: e.decision };
  }
}

export class RunCollector {
  readonly events: RunEvent[] = [];
  dropped = 0;
  private text = "";
  private final: Extract<AgentEvent, { type: "final" }> | null = null;
  private error: string | null = null;
  private logs = "";
  private toolCalls: ToolCallRecord[] = [];
  /** When the agent process started (ms since the run began); latencies count from here. */
  agentStartedAt: number | null = null;
  firstTokenAt: number | null = null;

  constructor(
    private readonly startedAt: number,
    private readonly emit: (e: RunEvent) => void,
  ) {}

  private now = () => Math.round(performance.now() - this.startedAt);

  private push(e: AgentEvent | StatusEvent) {
    const event = { ...e, t: this.now() } as RunEvent;
    if (this.events.length < MAX_STORED_EVENTS) this.events.push(event);
    else this.dropped++;
    this.emit(event);
  }

  phase(phase: RunPhase, message: string) {
    if (phase === "running") this.agentStartedAt = this.now();
    this.push({ type: "status", phase, message });
  }

  /** Agent output that is not an event of this run (in a suite: a line naming another case). */
  note(level: string, message: string) {
    this.log(level, message);
  }

  private log(level: string, message: string) {
    if (this.logs.length < LOGS_EXCERPT_CHARS) this.logs += `[${level}] ${message}\n`.slice(0, LOGS_EXCERPT_CHARS - this.logs.length);
    this.push({ type: "log", level, message: cut(message, 4_000) });
  }

  stdout(line: string) {
    if (!line.trim()) return;
    let parsed: ReturnType<typeof AgentEvent.safeParse> | null = null;
    if (line.startsWith("{")) {
      try {
        parsed = AgentEvent.safeParse(JSON.parse(line));
      } catch {
        parsed = null;
      }
    }
    if (!parsed?.success) return this.log("stdout", line);
    const e = capEvent(parsed.data);
    if (e.type === "text") {
      if (this.firstTokenAt === null) this.firstTokenAt = this.now();
      if (this.text.length < MAX_OUTPUT_CHARS) this.text += e.delta;
    } else if (e.type === "tool_call") {
      if (this.toolCalls.length < 100) this.toolCalls.push({ name: e.name, input: e.input });
    } else if (e.type === "tool_result") {
      const open = [...this.toolCalls].reverse().find((c) => c.name === e.name && !("output" in c));
      if (open) open.output = e.output;
    } else if (e.type === "final") {
      if (this.firstTokenAt === null && e.output) this.firstTokenAt = this.now();
      this.final = e;
    } else if (e.type === "error") {
      this.error = e.message;
    } else if (e.type === "guardrail") {
      // Kept in the logs excerpt too, so a run's record says so even past the stored-events cap.
      if (this.logs.length < LOGS_EXCERPT_CHARS) this.logs += "[guardrail] intervened\n".slice(0, LOGS_EXCERPT_CHARS - this.logs.length);
    } else if (e.type === "log") {
      if (this.logs.length < LOGS_EXCERPT_CHARS) this.logs += `[${e.level}] ${e.message}\n`.slice(0, LOGS_EXCERPT_CHARS - this.logs.length);
    }
    this.push(e);
  }

  stderr(line: string) {
    if (line.trim()) this.log("stderr", line);
  }

  private base(totalMs: number, model: ModelServed) {
    const started = this.agentStartedAt ?? 0;
    return {
      output: this.final?.output ?? this.text,
      firstTokenMs: this.firstTokenAt === null ? null : this.firstTokenAt - started,
      totalMs: Math.round(totalMs),
      tokensIn: this.final?.usage.inputTokens ?? null,
      tokensOut: this.final?.usage.outputTokens ?? null,
      toolCalls: this.toolCalls,
      logsExcerpt: this.logs,
      events: this.events,
      model,
    };
  }

  /** The outcome of a run whose agent process ended with `exit` (`totalMs`: the run's own time, when not the process's). */
  outcome(exit: SandboxExit, limits: SandboxLimits, model: ModelServed, totalMs = exit.wallMs): RunOutcome {
    const base = this.base(totalMs, model);
    if (exit.limit) return { ...base, status: exit.limit, error: describeLimit(exit.limit, limits) };
    if (this.final && !this.error && exit.code === 0) return { ...base, status: "succeeded", error: null };
    const why = this.error ?? (this.final ? `The agent exited with code ${exit.code}` : `The agent exited with code ${exit.code} without a final answer`);
    return { ...base, status: "failed", error: why };
  }

  /** A suite case's outcome once its final or error arrived (its process goes on with the next case). */
  caseOutcome(model: ModelServed): RunOutcome {
    const base = this.base(this.now() - (this.agentStartedAt ?? 0), model);
    return this.final && !this.error ? { ...base, status: "succeeded", error: null } : { ...base, status: "failed", error: this.error ?? "The agent ended the case without a final answer" };
  }

  /** The outcome of a run ended from outside (the runner is stopping): what it had said so far, and why it ended. */
  interrupted(error: string, model: ModelServed): RunOutcome {
    return { ...this.base(this.now() - (this.agentStartedAt ?? 0), model), status: "error", error };
  }

  /** The outcome of a run that never started its agent (install or build failed, or an internal error). */
  notStarted(status: RunOutcome["status"], error: string, model: ModelServed): RunOutcome {
    return { status, error, output: "", firstTokenMs: null, totalMs: this.now(), tokensIn: null, tokensOut: null, toolCalls: [], logsExcerpt: this.logs, events: this.events, model };
  }
}

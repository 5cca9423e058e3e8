import { DomainError } from "../errors";

/**
 * The project's workflow phases as a pure state machine. Persistence (ProjectContext,
 * optimistic locking) and event publishing belong to the caller: every function here
 * returns the next state and the events to emit, and changes nothing else.
 */

export const PHASES = ["requirements", "architecture", "implementation", "code_generation", "testing", "deployment"] as const;
export type Phase = (typeof PHASES)[number];

export type WorkflowState = {
  phase: Phase;
  /**
   * Whether the consultation may move the project forward by itself. Going back turns it
   * off (the user took the wheel, so a complete spec must not push them forward again);
   * a manual advance turns it back on.
   */
  auto: boolean;
};

export type PhaseChanged = { type: "phase.changed"; from: Phase; to: Phase; reason: string };
export type Transition = { state: WorkflowState; events: PhaseChanged[] };

/** What the rest of the pipeline knows; the phases after code generation need it. */
export type WorkflowFacts = { generated?: boolean; testsPassed?: boolean };

export const initialWorkflow = (): WorkflowState => ({ phase: "requirements", auto: true });

const index = (phase: Phase) => PHASES.indexOf(phase);

/**
 * Completeness a spec needs before a phase may start. A third of the weight is "what the
 * agent does"; two thirds adds tools, traffic and budget; code generation needs all of it.
 */
const MIN_COMPLETENESS: Partial<Record<Phase, number>> = {
  architecture: 1 / 3,
  implementation: 2 / 3,
  code_generation: 1,
};

/** Why `to` cannot start yet, or undefined when it can. */
function blocker(to: Phase, completeness: number, facts: WorkflowFacts): string | undefined {
  const min = MIN_COMPLETENESS[to];
  if (min !== undefined && completeness + 1e-9 < min) {
    return `${label(to)} needs a spec at least ${Math.round(min * 100)}% complete (it is ${Math.round(completeness * 100)}%)`;
  }
  if (to === "testing" && !facts.generated) return "testing needs generated code";
  if (to === "deployment" && !facts.testsPassed) return "deployment needs a passing test run";
  return undefined;
}

/** One step forward, asked for by the user or the pipeline; re-enables automatic progress. */
export function advance(state: WorkflowState, specCompleteness: number, facts: WorkflowFacts = {}): Transition {
  const to = PHASES[index(state.phase) + 1];
  if (!to) throw new DomainError("invalid", `The project is already in the last phase (${label(state.phase)})`);
  const why = blocker(to, specCompleteness, facts);
  if (why) throw new DomainError("invalid", `Cannot move to ${label(to)}: ${why}`, { from: state.phase, to });
  const reason = to === "testing" ? "code generated" : to === "deployment" ? "tests passed" : "advanced on request";
  return { state: { phase: to, auto: true }, events: [{ type: "phase.changed", from: state.phase, to, reason }] };
}

/**
 * The automatic rule, run after every spec change: the consultation phases follow the
 * spec's completeness both ways, and a complete spec moves the project from implementation
 * to code generation. A spec edit that makes it incomplete again (a tool that does not fit
 * the new language) moves it back to the phase the spec now allows, so the bar does not
 * claim "Code generation" while Generate is refused. It never goes past code generation,
 * never pulls back from testing or deployment, and never runs after a go-back.
 */
export function autoAdvance(state: WorkflowState, specCompleteness: number): Transition {
  let current = state;
  const events: PhaseChanged[] = [];
  while (current.auto && index(current.phase) > 0 && index(current.phase) <= index("code_generation") && blocker(current.phase, specCompleteness, {})) {
    const to = PHASES[index(current.phase) - 1]!;
    events.push({ type: "phase.changed", from: current.phase, to, reason: `the spec is ${Math.round(specCompleteness * 100)}% complete` });
    current = { phase: to, auto: true };
  }
  while (current.auto && index(current.phase) < index("code_generation")) {
    const to = PHASES[index(current.phase) + 1]!;
    if (blocker(to, specCompleteness, {})) break;
    const reason = to === "code_generation" ? "the spec is complete" : `the spec is ${Math.round(specCompleteness * 100)}% complete`;
    events.push({ type: "phase.changed", from: current.phase, to, reason });
    current = { phase: to, auto: true };
  }
  return { state: current, events };
}

/** Back to an earlier phase (to change requirements, pick another model, …). */
export function goBack(state: WorkflowState, to: Phase, reason = "went back on request"): Transition {
  if (!PHASES.includes(to)) throw new DomainError("invalid", `Unknown phase '${String(to)}'`);
  if (index(to) >= index(state.phase)) {
    throw new DomainError("invalid", `Cannot go back from ${label(state.phase)} to ${label(to)}: it is not an earlier phase`, {
      from: state.phase,
      to,
    });
  }
  return { state: { phase: to, auto: false }, events: [{ type: "phase.changed", from: state.phase, to, reason }] };
}

export function label(phase: Phase): string {
  return phase.replace("_", " ");
}

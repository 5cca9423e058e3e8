import { DomainError } from "../errors";

/**
 * The deployment state machine, pure. A deploy goes pending → uploading → (building, for
 * container targets; packaging, for Lambda: package-lambda.sh's ZIP is what Lambda runs) →
 * creating_change_set → review → executing → succeeded; the user may
 * reject in review; CloudFormation may report no changes or fail. A destroy goes pending →
 * deleting → destroyed. `fail` is allowed from every active state (expired session, throttling
 * past retries, a failed build). Terminal states accept nothing.
 */
export const ACTIVE_STATES = ["pending", "uploading", "building", "packaging", "creating_change_set", "review", "executing", "deleting"] as const;
export const TERMINAL_STATES = ["succeeded", "failed", "cancelled", "no_changes", "destroyed"] as const;
export type ActiveState = (typeof ACTIVE_STATES)[number];
export type TerminalState = (typeof TERMINAL_STATES)[number];
export type DeployState = ActiveState | TerminalState;
export type DeploymentKind = "deploy" | "rollback" | "destroy";

export type DeployEvent =
  | { type: "start"; kind: DeploymentKind }
  /** The source ZIP is in the bucket; `build` says what must be built from it before the change set. */
  | { type: "artifact_uploaded"; build: "image" | "lambda-package" | null }
  | { type: "build_succeeded" }
  | { type: "package_built" }
  | { type: "change_set_ready" }
  | { type: "change_set_empty" }
  | { type: "approve" }
  | { type: "reject" }
  | { type: "stack_succeeded" }
  | { type: "stack_deleted" }
  | { type: "fail"; reason: string };

export const isActive = (s: string): s is ActiveState => (ACTIVE_STATES as readonly string[]).includes(s);
export const isTerminal = (s: string): s is TerminalState => (TERMINAL_STATES as readonly string[]).includes(s);

function next(state: DeployState, event: DeployEvent): DeployState | null {
  if (isTerminal(state)) return null;
  if (event.type === "fail") return "failed";
  switch (state) {
    case "pending":
      return event.type === "start" ? (event.kind === "destroy" ? "deleting" : "uploading") : null;
    case "uploading":
      if (event.type !== "artifact_uploaded") return null;
      return event.build === "image" ? "building" : event.build === "lambda-package" ? "packaging" : "creating_change_set";
    case "building":
      return event.type === "build_succeeded" ? "creating_change_set" : null;
    case "packaging":
      return event.type === "package_built" ? "creating_change_set" : null;
    case "creating_change_set":
      return event.type === "change_set_ready" ? "review" : event.type === "change_set_empty" ? "no_changes" : null;
    case "review":
      return event.type === "approve" ? "executing" : event.type === "reject" ? "cancelled" : null;
    case "executing":
      return event.type === "stack_succeeded" ? "succeeded" : null;
    case "deleting":
      return event.type === "stack_deleted" ? "destroyed" : null;
  }
}

/** The state after `event`, or null when the event is not allowed in `state`. */
export function tryTransition(state: DeployState, event: DeployEvent): DeployState | null {
  return next(state, event);
}

/** Like tryTransition, but a refused event is a DomainError("conflict") naming both. */
export function transition(state: DeployState, event: DeployEvent): DeployState {
  const to = next(state, event);
  if (!to) throw new DomainError("conflict", `A deployment in state '${state}' cannot take '${event.type}'`, { state, event: event.type });
  return to;
}

import type { ChangeSetState, ResourceChange, StackEvent } from "./types";

/**
 * The simulated CloudFormation of LocalDeployer, pure: a stack's state is a function of what
 * was submitted and how much time has passed, so a restarted server sees the same stack
 * progress (the operation's start time is persisted, not a timer).
 */
export type SimResource = { logicalId: string; type: string; properties: string };
export type SimChangeSet = { createdAt: number; templateBody: string; parameters: Record<string, string>; resources: SimResource[]; outputs: string[]; changes: ResourceChange[] };
export type SimOperation = { kind: "CREATE" | "UPDATE" | "DELETE"; startedAt: number; steps: { logicalId: string; type: string }[]; next: SimResource[]; parameters: Record<string, string>; outputs: string[]; failAt: number | null };
export type SimStack = {
  name: string;
  status: string;
  reason: string | null;
  resources: SimResource[];
  parameters: Record<string, string>;
  outputNames: string[];
  changeSets: Record<string, SimChangeSet>;
  operation: SimOperation | null;
  events: StackEvent[];
  tampered: boolean;
};

export const NO_CHANGES_REASON = "The submitted information didn't contain changes. Submit different information to create a change set.";

export function diffResources(before: SimResource[], after: SimResource[]): ResourceChange[] {
  const old = new Map(before.map((r) => [r.logicalId, r]));
  const now = new Map(after.map((r) => [r.logicalId, r]));
  const iam = (type: string) => type.startsWith("AWS::IAM::");
  const out: ResourceChange[] = [];
  for (const r of after) {
    const prev = old.get(r.logicalId);
    if (!prev) out.push({ action: "Add", logicalId: r.logicalId, type: r.type, replacement: null, iam: iam(r.type) });
    else if (prev.type !== r.type) out.push({ action: "Modify", logicalId: r.logicalId, type: r.type, replacement: "True", iam: iam(r.type) });
    else if (prev.properties !== r.properties) {
      // A changed name property recreates the resource in CloudFormation; other changes may.
      const renamed = /Name"/.test(prev.properties) && namesOf(prev.properties) !== namesOf(r.properties);
      out.push({ action: "Modify", logicalId: r.logicalId, type: r.type, replacement: renamed ? "True" : "Conditional", iam: iam(r.type) });
    }
  }
  for (const r of before) if (!now.has(r.logicalId)) out.push({ action: "Remove", logicalId: r.logicalId, type: r.type, replacement: null, iam: iam(r.type) });
  return out;
}

const namesOf = (props: string) => JSON.stringify(Object.entries(JSON.parse(props) as Record<string, unknown>).filter(([k]) => k.endsWith("Name")));

export function changeSetState(cs: SimChangeSet, parametersBefore: Record<string, string>, now: number, stepMs: number): ChangeSetState {
  if (now - cs.createdAt < stepMs) return { status: "CREATE_IN_PROGRESS", reason: null, noChanges: false, changes: [] };
  const paramsChanged = JSON.stringify(parametersBefore) !== JSON.stringify(cs.parameters);
  if (cs.changes.length === 0 && !paramsChanged) return { status: "FAILED", reason: NO_CHANGES_REASON, noChanges: true, changes: [] };
  return { status: "CREATE_COMPLETE", reason: null, noChanges: false, changes: cs.changes };
}

const event = (stack: SimStack, op: SimOperation, i: number, logicalId: string, type: string, status: string, at: number, reason: string | null = null): StackEvent => ({
  id: `${stack.name}-${op.startedAt}-${String(i).padStart(4, "0")}-${status}`,
  timestamp: new Date(at).toISOString(),
  logicalId,
  type,
  status,
  reason,
});

/** Every event the operation has produced by `now`, and whether (and how) it ended. */
export function operationEvents(stack: SimStack, op: SimOperation, now: number, stepMs: number): { events: StackEvent[]; ended: null | { status: string; reason: string | null } } {
  const verb = op.kind;
  const events: StackEvent[] = [event(stack, op, 0, stack.name, "AWS::CloudFormation::Stack", `${verb}_IN_PROGRESS`, op.startedAt, "User Initiated")];
  let seq = 1;
  for (let i = 0; i < op.steps.length; i++) {
    const step = op.steps[i]!;
    const begin = op.startedAt + i * stepMs;
    const end = begin + stepMs;
    if (now < begin) return { events, ended: null };
    events.push(event(stack, op, seq++, step.logicalId, step.type, `${verb}_IN_PROGRESS`, begin));
    if (now < end) return { events, ended: null };
    if (op.failAt === i) {
      const reason = `Resource handler returned message: "simulated failure of ${step.logicalId}"`;
      events.push(event(stack, op, seq++, step.logicalId, step.type, `${verb}_FAILED`, end, reason));
      const final = verb === "CREATE" ? "ROLLBACK_COMPLETE" : verb === "UPDATE" ? "UPDATE_ROLLBACK_COMPLETE" : "DELETE_FAILED";
      events.push(event(stack, op, seq++, stack.name, "AWS::CloudFormation::Stack", final, end + 1, `The following resource(s) failed: [${step.logicalId}]`));
      return { events, ended: { status: final, reason: `The following resource(s) failed: [${step.logicalId}]` } };
    }
    events.push(event(stack, op, seq++, step.logicalId, step.type, `${verb}_COMPLETE`, end));
  }
  const done = op.startedAt + op.steps.length * stepMs;
  if (now < done + 1) return { events, ended: null };
  events.push(event(stack, op, seq, stack.name, "AWS::CloudFormation::Stack", `${verb}_COMPLETE`, done + 1));
  return { events, ended: { status: `${verb}_COMPLETE`, reason: null } };
}

/** Applies a finished operation to the stack (resources, status, event log); unchanged while it runs. */
export function settle(stack: SimStack, now: number, stepMs: number): { stack: SimStack; changed: boolean } {
  const op = stack.operation;
  if (!op) return { stack, changed: false };
  const { events, ended } = operationEvents(stack, op, now, stepMs);
  if (!ended) return { stack: { ...stack, status: `${op.kind}_IN_PROGRESS` }, changed: false };
  const failed = !ended.status.endsWith("_COMPLETE") || ended.status.includes("ROLLBACK");
  const next: SimStack = {
    ...stack,
    status: ended.status,
    reason: ended.reason,
    operation: null,
    events: [...stack.events, ...events],
    resources: failed ? (op.kind === "CREATE" ? [] : stack.resources) : op.kind === "DELETE" ? [] : op.next,
    outputNames: failed ? stack.outputNames : op.outputs,
    parameters: failed ? stack.parameters : op.parameters,
    tampered: failed ? stack.tampered : false,
  };
  return { stack: next, changed: true };
}

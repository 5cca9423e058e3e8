/** Read-only helpers over a stack snapshot, shared by the rules. */
import type { Recorded } from "../harness/mocks";
import type { Snapshot } from "../harness/run-stack";

export type Statement = { Effect: string; Action: string[]; Resource: string[] };

export const ofType = (s: Snapshot, type: string) => s.resources.filter((r) => r.type === type);
export const named = (s: Snapshot, type: string, name: string) => s.resources.find((r) => r.type === type && r.name === name);
export const component = (s: Snapshot, type: string, name: string) => s.components.find((c) => c.type === `sst:aws:${type}` && c.name === name) ?? s.components.find((c) => c.type === `sst:sst:${type}` && c.name === name);

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);

/** Every statement of a role's inline policies. */
export function roleStatements(role: Recorded | undefined): Statement[] {
  if (!role) return [];
  return (role.inputs.inlinePolicies ?? []).flatMap((p: { policy: string }) =>
    (JSON.parse(p.policy).Statement ?? []).map((st: any) => ({ Effect: st.Effect, Action: asList(st.Action), Resource: asList(st.Resource) })),
  );
}

export const lambdaFunctions = (s: Snapshot) => ofType(s, "aws:lambda/function:Function");
export const functionNamed = (s: Snapshot, sstName: string) => named(s, "aws:lambda/function:Function", `${sstName}Function`);
export const roleNamed = (s: Snapshot, name: string) => named(s, "aws:iam/role:Role", name);
export const queueNamed = (s: Snapshot, sstName: string) => named(s, "aws:sqs/queue:Queue", `${sstName}Queue`);
export const alarms = (s: Snapshot) => ofType(s, "aws:cloudwatch/metricAlarm:MetricAlarm");

/** A role's statements that allow an action, by exact name or by a wildcard that covers it. */
export function allowing(statements: Statement[], action: string): Statement[] {
  const covers = (pattern: string) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`, "i").test(action);
  return statements.filter((st) => st.Effect === "Allow" && st.Action.some(covers));
}

export function mutate(s: Snapshot, change: (copy: Snapshot) => void): Snapshot {
  const copy = structuredClone(s);
  change(copy);
  return copy;
}

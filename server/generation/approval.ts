import type { SpecIssue } from "../spec/agent-spec";
import type { ResolvedProject, ResolvedTool } from "./types";

/**
 * Which of a project's tools pause for human approval (spec.approval): the ones listed, or
 * by default every selected tool the registry marks with side effects. Ids are the
 * registry ids the generated tools.ts knows its tools by.
 */
export function approvalToolIds(project: Pick<ResolvedProject, "spec" | "tools">): string[] {
  const approval = project.spec.approval;
  if (!approval) return [];
  if (!approval.tools) return project.tools.filter((t) => t.entry.sideEffects.length > 0).map((t) => t.entry.id);
  const listed = new Set(approval.tools);
  return project.tools.filter((t) => listed.has(t.entry.id) || listed.has(t.requestedId)).map((t) => t.entry.id);
}

/**
 * approval.tools naming a tool the spec does not select, each as an issue with its field.
 * Every target can pause a call for a person; a paused call waits for a decision from another
 * request. ECS: the approval endpoints per session. AgentCore: Runtime forwards only
 * /invocations and /ping, so the decision is an /invocations body on the same session.
 * Lambda: the invocation ends with the approval pending (the paused run's Strands snapshot kept
 * in the function's DynamoDB table under "#approval#" keys) and a later invocation on the
 * session brings the decision.
 */
export function approvalIssues(project: Pick<ResolvedProject, "spec">, tools: ResolvedTool[]): SpecIssue[] {
  const selected = new Set(tools.flatMap((t) => [t.entry.id, t.requestedId]));
  const issues: SpecIssue[] = (project.spec.approval?.tools ?? []).flatMap((id, i) =>
    selected.has(id) ? [] : [{ path: `approval.tools.${i}`, kind: "invalid" as const, message: `tool '${id}' is not one of the agent's tools` }],
  );
  return issues;
}

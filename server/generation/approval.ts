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

/** approval.tools naming a tool the spec does not select, each as an issue with its field. */
export function approvalIssues(project: Pick<ResolvedProject, "spec">, tools: ResolvedTool[]): SpecIssue[] {
  const selected = new Set(tools.flatMap((t) => [t.entry.id, t.requestedId]));
  const issues: SpecIssue[] = (project.spec.approval?.tools ?? []).flatMap((id, i) =>
    selected.has(id) ? [] : [{ path: `approval.tools.${i}`, kind: "invalid" as const, message: `tool '${id}' is not one of the agent's tools` }],
  );
  const target = project.spec.deployment.target;
  if (target !== "ecs-fargate" && approvalToolIds({ spec: project.spec, tools }).length > 0) {
    // A paused call waits for a person, who answers on the agent's approval endpoints. A Lambda
    // invocation cannot be resumed from another request, and AgentCore Runtime forwards only
    // /invocations and /ping, so neither can reach those endpoints.
    const why = target === "lambda" ? "a Lambda function cannot wait for an approval" : "AgentCore Runtime forwards only /invocations and /ping, so the approval endpoints cannot be reached";
    issues.push({ path: "approval", kind: "invalid", message: `needs the ecs-fargate target: ${why}` });
  }
  return issues;
}

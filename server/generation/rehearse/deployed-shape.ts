import { parse } from "yaml";
import { parseDockerfile } from "../verify/dockerfile";

/**
 * How the IaC runs the project, read from the files themselves (never from the spec):
 * the container's CMD from the Dockerfile with the environment of the AgentCore runtime
 * or ECS task definition, or the Lambda handler, runtime and environment of the function.
 */

export type ContainerShape = {
  kind: "container";
  command: string[];
  env: Record<string, unknown>;
  port: number;
  /** The ECS container health check command (CMD form), when the task defines one. */
  healthCheck: string[] | null;
  /** AgentCore Runtime forwards only /invocations and /ping: what a rehearsal client may call. */
  runtime: "agentcore" | "ecs";
  source: string;
};
export type LambdaShape = { kind: "lambda"; handler: string; runtime: string; env: Record<string, unknown>; streaming: boolean; source: string };
export type DeployedShape = ContainerShape | LambdaShape;

type Resource = { Type?: string; Properties?: Record<string, any> };

function dockerCmd(dockerfile: string): string[] {
  const instructions = parseDockerfile(dockerfile);
  const lastFrom = instructions.filter((i) => i.keyword === "FROM").at(-1)?.line ?? 0;
  const cmd = instructions.filter((i) => i.keyword === "CMD" && i.line >= lastFrom).at(-1);
  if (!cmd) throw new Error("Dockerfile: the final stage has no CMD");
  let parsed: unknown;
  try {
    parsed = JSON.parse(cmd.args);
  } catch {
    throw new Error(`Dockerfile:${cmd.line}: CMD is not in exec (JSON array) form`);
  }
  if (!Array.isArray(parsed) || !parsed.every((p) => typeof p === "string") || parsed.length === 0) throw new Error(`Dockerfile:${cmd.line}: CMD is not a list of strings`);
  return parsed;
}

/** The deployed shape of a project, or an Error naming the file that does not say. */
export function deployedShape(files: Map<string, string>): DeployedShape {
  const text = files.get("infra/cloudformation.yaml");
  if (!text) throw new Error("infra/cloudformation.yaml is missing");
  const resources = Object.values(((parse(text) ?? {}) as { Resources?: Record<string, Resource> }).Resources ?? {});
  const fn = resources.find((r) => r.Type === "AWS::Lambda::Function");
  if (fn) {
    const url = resources.find((r) => r.Type === "AWS::Lambda::Url");
    const p = fn.Properties ?? {};
    return { kind: "lambda", handler: String(p.Handler ?? ""), runtime: String(p.Runtime ?? ""), env: p.Environment?.Variables ?? {}, streaming: url?.Properties?.InvokeMode === "RESPONSE_STREAM", source: "infra/cloudformation.yaml (AWS::Lambda::Function)" };
  }
  const dockerfile = files.get("Dockerfile");
  if (!dockerfile) throw new Error("Dockerfile is missing");
  const command = dockerCmd(dockerfile);
  const runtime = resources.find((r) => r.Type === "AWS::BedrockAgentCore::Runtime");
  if (runtime) {
    // The AgentCore Runtime contract: HTTP on 8080.
    return { kind: "container", command, env: runtime.Properties?.EnvironmentVariables ?? {}, port: 8080, healthCheck: null, runtime: "agentcore", source: "Dockerfile CMD + AWS::BedrockAgentCore::Runtime EnvironmentVariables" };
  }
  const task = resources.find((r) => r.Type === "AWS::ECS::TaskDefinition");
  const container = task?.Properties?.ContainerDefinitions?.[0];
  if (!container) throw new Error("infra/cloudformation.yaml has no Lambda function, AgentCore runtime or ECS container to rehearse");
  const env = Object.fromEntries(((container.Environment ?? []) as Array<{ Name: string; Value: unknown }>).map((e) => [e.Name, e.Value]));
  const port = Number(container.PortMappings?.[0]?.ContainerPort ?? 8080);
  const health = container.HealthCheck?.Command as string[] | undefined;
  return { kind: "container", command: container.Command ?? command, env, port, healthCheck: health?.[0] === "CMD" ? health.slice(1) : null, runtime: "ecs", source: "Dockerfile CMD + AWS::ECS::TaskDefinition container environment" };
}

import type { AgentSpec } from "../spec/agent-spec";
import type { CostUsage } from "./inputs";
import { tokensPerRequest } from "./lines/model";

/** Binary units, as AWS bills: 1 GB = 1,024 MB = 1,048,576 KB. */
export const KB_PER_GB = 1024 * 1024;
/** Rough size of a token on the wire, for NAT traffic only. */
const BYTES_PER_TOKEN = 4;

/**
 * The infrastructure assumptions with every derived default filled in from the spec:
 * the one place that decides what the generated deployment contains and how much of it
 * one request uses. Listed back to the user as assumptions.
 */
export function resolveInfrastructure(spec: AgentSpec, usage: CostUsage) {
  const infra = usage.infrastructure;
  const d = spec.deployment;
  const tasks = d.target === "ecs-fargate" ? d.desiredCount : 0;
  const loadBalancers = d.target === "ecs-fargate" && d.loadBalancer ? 1 : 0;
  const t = tokensPerRequest(spec, usage);
  const natKbPerRequest = infra.natKbPerRequest ?? ((t.input + t.output) * BYTES_PER_TOKEN) / 1024;
  // Tasks in public subnets get a public address; behind NAT only the gateways do. An
  // internet-facing ALB holds one address per Availability Zone (two assumed).
  const publicIpv4Addresses =
    infra.publicIpv4Addresses ?? (infra.natGateways > 0 ? infra.natGateways : tasks) + loadBalancers * 2;
  const usesSecretsManager = spec.security.secretsSource === "secrets-manager";
  const secretCount = infra.secretCount ?? (usesSecretsManager && spec.tools.length > 0 ? 1 : 0);
  const secretFetchesPerRequest = infra.secretFetchesPerRequest ?? (d.target === "agentcore" ? 1 : 0);
  return {
    ...infra,
    natKbPerRequest,
    publicIpv4Addresses,
    secretCount,
    secretFetchesPerRequest,
    tasks,
    loadBalancers,
    containerImage: d.target !== "lambda",
  };
}
export type ResolvedInfrastructure = ReturnType<typeof resolveInfrastructure>;

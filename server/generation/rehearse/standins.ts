import { REHEARSAL_CREDENTIAL } from "./api-tool-check";
import { startDynamoStandIn, type DynamoStandIn } from "./dynamo-standin";
import { gatewayChecks } from "./gateway-check";
import { startGatewayStandIn, type GatewayStandIn } from "./gateway-standin";
import { gatewayTools } from "./gateway-targets";
import { conversationCheck, memoryPerCallerCheck } from "./memory-checks";
import { startMemoryStandIn, type MemoryStandIn } from "./memory-standin";
import { THROWAWAY, THROWAWAY_CREDENTIALS } from "./throwaway-credentials";
import type { RehearsalCheck } from "./types";

/**
 * The AWS services a project's tools and memory call, stood in on loopback when the project
 * uses them: the generated code's AWS SDK is pointed at each by its service endpoint variable,
 * with throw-away credentials (the SDK signs every call); every other AWS endpoint stays unreachable.
 */

export type StandIns = {
  env: Record<string, string>;
  /** What the stand-ins were, for the rehearsal's description. */
  names: string[];
  checks(url: string, timeoutMs: number): Promise<RehearsalCheck[]>;
  close(): Promise<void>;
};

type AgentConfig = { tools?: Record<string, unknown>; memory?: { type?: string } };

/** The AgentCore Gateway the stack declares, stood in: it verifies the agent's signatures with the throw-away credentials. */
async function gatewayFor(files: Map<string, string>, region: string): Promise<GatewayStandIn | null> {
  const tools = gatewayTools(files.get("infra/cloudformation.yaml"));
  if (tools.length === 0) return null;
  // The agent's secret holds the API key in deployment; here every key has the rehearsal's value.
  return startGatewayStandIn({ tools, scope: { credentials: THROWAWAY, region }, secret: () => REHEARSAL_CREDENTIAL });
}

/** The stand-ins a project needs, started; `region` is the one its spec deploys to (the gateway's signing scope). */
export async function startStandIns(files: Map<string, string>, region: string): Promise<StandIns> {
  const config = JSON.parse(files.get("agent_config.json") ?? "{}") as AgentConfig;
  const started: Array<{ close(): Promise<void> } | null> = [];
  let memory: MemoryStandIn | null = null;
  let dynamo: DynamoStandIn | null = null;
  let gateway: GatewayStandIn | null = null;
  try {
    started.push((memory = config.tools && "agent_core_memory" in config.tools ? await startMemoryStandIn() : null));
    started.push((dynamo = await startDynamoStandIn(files.get("infra/cloudformation.yaml"))));
    started.push((gateway = await gatewayFor(files, region)));
  } catch (e) {
    for (const s of started) await s?.close();
    throw e;
  }
  const env: Record<string, string> = {
    ...(memory ? { AWS_ENDPOINT_URL_BEDROCK_AGENTCORE: memory.endpoint } : {}),
    ...(dynamo ? { AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint, ...dynamo.env } : {}),
    ...(gateway ? { AGENT_GATEWAY_URL: gateway.endpoint } : {}),
  };
  const keepsConversation = (config.memory?.type ?? "none") !== "none";
  return {
    env: memory || dynamo || gateway ? { ...THROWAWAY_CREDENTIALS, ...env } : env,
    names: [...(memory ? ["AgentCore Memory"] : []), ...(dynamo ? [`DynamoDB (${dynamo.tables.join(", ")})`] : []), ...(gateway ? ["AgentCore Gateway"] : [])],
    checks: async (url, timeoutMs) => [
      ...(keepsConversation ? [await conversationCheck(url, timeoutMs)] : []),
      ...(memory ? [await memoryPerCallerCheck(url, memory, timeoutMs)] : []),
      ...(gateway ? await gatewayChecks(url, gateway, timeoutMs) : []),
    ],
    close: async () => {
      for (const s of started) await s?.close();
    },
  };
}

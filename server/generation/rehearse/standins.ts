import { startDynamoStandIn, type DynamoStandIn } from "./dynamo-standin";
import { conversationCheck, memoryPerCallerCheck } from "./memory-checks";
import { startMemoryStandIn, type MemoryStandIn } from "./memory-standin";
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

// Not credentials of any account: the SDK refuses to send unsigned requests, and only loopback stand-ins receive them.
export const THROWAWAY_CREDENTIALS = { AWS_ACCESS_KEY_ID: "REHEARSALLOCALONLY", AWS_SECRET_ACCESS_KEY: "rehearsal-local-only" };

type AgentConfig = { tools?: Record<string, unknown>; memory?: { type?: string } };

export async function startStandIns(files: Map<string, string>): Promise<StandIns> {
  const config = JSON.parse(files.get("agent_config.json") ?? "{}") as AgentConfig;
  const memory: MemoryStandIn | null = config.tools && "agent_core_memory" in config.tools ? await startMemoryStandIn() : null;
  let dynamo: DynamoStandIn | null = null;
  try {
    dynamo = await startDynamoStandIn(files.get("infra/cloudformation.yaml"));
  } catch (e) {
    await memory?.close();
    throw e;
  }
  const env: Record<string, string> = {
    ...(memory ? { AWS_ENDPOINT_URL_BEDROCK_AGENTCORE: memory.endpoint } : {}),
    ...(dynamo ? { AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint, ...dynamo.env } : {}),
  };
  const keepsConversation = (config.memory?.type ?? "none") !== "none";
  return {
    env: memory || dynamo ? { ...THROWAWAY_CREDENTIALS, ...env } : env,
    names: [...(memory ? ["AgentCore Memory"] : []), ...(dynamo ? [`DynamoDB (${dynamo.tables.join(", ")})`] : [])],
    checks: async (url, timeoutMs) => [
      ...(keepsConversation ? [await conversationCheck(url, timeoutMs)] : []),
      ...(memory ? [await memoryPerCallerCheck(url, memory, timeoutMs)] : []),
    ],
    close: async () => {
      await memory?.close();
      await dynamo?.close();
    },
  };
}

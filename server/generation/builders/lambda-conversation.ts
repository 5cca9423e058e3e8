import type { CfnStatement } from "../iam";
import { getAtt, ref, type BuildInput } from "./common";

/**
 * Conversation memory on Lambda: a new agent per call would drop the spec's conversation
 * memory, so the handler (TypeScript and Python) keeps each actor's session in a DynamoDB table this stack
 * creates (on-demand, encrypted, items expiring through TTL on expiresAt). The function may
 * read and write items of that table only. Memory type "none" creates nothing.
 */

export const CONVERSATION_TABLE = "ConversationTable";
export const CONVERSATION_TABLE_ENV = "AGENT_CONVERSATION_TABLE";

export function keepsConversation(input: BuildInput): boolean {
  const { spec } = input.project;
  return spec.deployment.target === "lambda" && spec.memory.type !== "none";
}

export function conversationResources(input: BuildInput): Record<string, unknown> {
  if (!keepsConversation(input)) return {};
  return {
    [CONVERSATION_TABLE]: {
      Type: "AWS::DynamoDB::Table",
      Properties: {
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
        TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
        SSESpecification: { SSEEnabled: true },
      },
    },
  };
}

export const conversationEnvironment = (input: BuildInput): Record<string, unknown> =>
  keepsConversation(input) ? { [CONVERSATION_TABLE_ENV]: ref(CONVERSATION_TABLE) } : {};

export const conversationStatements = (input: BuildInput): CfnStatement[] =>
  keepsConversation(input)
    ? [{ Sid: "Conversation", Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem"], Resource: [getAtt(CONVERSATION_TABLE, "Arn")] }]
    : [];

import type { CfnStatement } from "../iam";
import { approvalToolIds } from "../approval";
import { getAtt, ref, type BuildInput } from "./common";

/**
 * Conversation memory on Lambda: a new agent per call would drop the spec's conversation
 * memory, so the handler (TypeScript and Python) keeps each actor's session in a DynamoDB table this stack
 * creates (on-demand, encrypted, items expiring through TTL on expiresAt). Human approval on
 * Lambda (both languages) keeps a call that waits for a decision in the same table, under keys
 * starting "#approval#" (an actor id never starts with "#"). The function may read and write
 * items of that table only; approval items may also be deleted (a decision takes its call).
 * Memory type "none" without approval creates nothing.
 */

export const CONVERSATION_TABLE = "ConversationTable";
export const CONVERSATION_TABLE_ENV = "AGENT_CONVERSATION_TABLE";
export const APPROVAL_TABLE_ENV = "AGENT_APPROVAL_TABLE";
export const APPROVAL_KEY_PREFIX = "#approval#";

export function keepsConversation(input: BuildInput): boolean {
  const { spec } = input.project;
  return spec.deployment.target === "lambda" && spec.memory.type !== "none";
}

/** A Lambda whose tools pause for approval keeps the paused call between invocations. */
export function keepsApprovals(input: BuildInput): boolean {
  const { spec } = input.project;
  return spec.deployment.target === "lambda" && approvalToolIds(input.project).length > 0;
}

/** The table exists for conversation memory, approvals, or both. */
export const needsTable = (input: BuildInput) => keepsConversation(input) || keepsApprovals(input);

export function conversationResources(input: BuildInput): Record<string, unknown> {
  if (!needsTable(input)) return {};
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

export const conversationEnvironment = (input: BuildInput): Record<string, unknown> => ({
  ...(keepsConversation(input) ? { [CONVERSATION_TABLE_ENV]: ref(CONVERSATION_TABLE) } : {}),
  ...(keepsApprovals(input) ? { [APPROVAL_TABLE_ENV]: ref(CONVERSATION_TABLE) } : {}),
});

export const conversationStatements = (input: BuildInput): CfnStatement[] => [
  ...(keepsConversation(input)
    ? [{ Sid: "Conversation", Effect: "Allow" as const, Action: ["dynamodb:GetItem", "dynamodb:PutItem"], Resource: [getAtt(CONVERSATION_TABLE, "Arn")] }]
    : []),
  // Only the items of paused calls: their keys start with the approval prefix.
  ...(keepsApprovals(input)
    ? [
        {
          Sid: "Approvals",
          Effect: "Allow" as const,
          Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"],
          Resource: [getAtt(CONVERSATION_TABLE, "Arn")],
          Condition: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": `${APPROVAL_KEY_PREFIX}*` } },
        },
      ]
    : []),
];

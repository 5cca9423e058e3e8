import { ConditionalCheckFailedException, DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import type { MessageData } from "@strands-agents/sdk";
import type { Caller } from "./caller.js";

/**
 * Conversation memory across Lambda calls: each call gets a new agent (Lambda reuses a
 * process for unrelated callers), so the conversation of an actor's session is read from the
 * DynamoDB table the template creates (AGENT_CONVERSATION_TABLE) before the call and written
 * back after it. Items expire (DynamoDB TTL on expiresAt) a day after the session's last call.
 * Without the table (memory type "none") every call starts afresh.
 */

const TABLE = process.env.AGENT_CONVERSATION_TABLE;
const TTL_SECONDS = 24 * 60 * 60;
// A DynamoDB item holds at most 400 KB: the oldest turns are dropped to stay below it.
const MAX_ITEM_CHARS = 350_000;

export type Conversation = { messages: MessageData[]; version: number };

/** Two calls of one session wrote at once; the caller should retry after the other finished. */
export class ConversationConflict extends Error {
  override name = "ConversationConflict";
}

let client: DynamoDBClient | undefined;
const dynamo = () => (client ??= new DynamoDBClient({ maxAttempts: 3 }));
const keyOf = (caller: Caller) => ({ pk: { S: `${caller.actorId}#${caller.sessionId}` } });

export const conversationsKept = () => Boolean(TABLE);

/** The session's conversation so far (empty for a new session). */
export async function loadConversation(caller: Caller): Promise<Conversation> {
  if (!TABLE) return { messages: [], version: 0 };
  const out = await dynamo().send(new GetItemCommand({ TableName: TABLE, Key: keyOf(caller), ConsistentRead: true }));
  if (!out.Item) return { messages: [], version: 0 };
  return { messages: JSON.parse(out.Item.messages?.S ?? "[]") as MessageData[], version: Number(out.Item.version?.N ?? 0) };
}

/** Stores the conversation if no other call of the session stored one since it was loaded. */
export async function saveConversation(caller: Caller, messages: MessageData[], loadedVersion: number): Promise<void> {
  if (!TABLE) return;
  const kept = fitting(messages);
  try {
    await dynamo().send(
      new PutItemCommand({
        TableName: TABLE,
        Item: {
          ...keyOf(caller),
          messages: { S: JSON.stringify(kept) },
          version: { N: String(loadedVersion + 1) },
          expiresAt: { N: String(Math.floor(Date.now() / 1000) + TTL_SECONDS) },
        },
        ConditionExpression: "attribute_not_exists(pk) OR version = :loaded",
        ExpressionAttributeValues: { ":loaded": { N: String(loadedVersion) } },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new ConversationConflict("another call of this session saved the conversation first");
    throw error;
  }
}

/** The newest messages that fit in one item, starting at a user turn that is not a tool result. */
export function fitting(messages: MessageData[], maxChars = MAX_ITEM_CHARS): MessageData[] {
  let kept = messages;
  while (kept.length > 0 && JSON.stringify(kept).length > maxChars) kept = kept.slice(1);
  while (kept.length > 0 && (kept[0]!.role !== "user" || kept[0]!.content.some((block) => "toolResult" in block))) kept = kept.slice(1);
  return kept;
}

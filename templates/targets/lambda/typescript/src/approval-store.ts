import { ConditionalCheckFailedException, DeleteItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Caller } from "./caller.js";

/**
 * Paused calls across Lambda invocations: a Lambda cannot wait for a person, so a call that
 * reaches a tool needing approval ends after the agent's state (a Strands snapshot: the
 * messages and the interrupt holding the tool call) is stored in the DynamoDB table the
 * template creates (AGENT_APPROVAL_TABLE). A later call of the same actor and session brings
 * the decision and resumes from it. One item per session; items expire (TTL on expiresAt) a
 * day after the approval's deadline, so a late decision still finds the call (and denies it).
 */

const TABLE = process.env.AGENT_APPROVAL_TABLE;
const KEEP_AFTER_DEADLINE_SECONDS = 24 * 60 * 60;
// A DynamoDB item holds at most 400 KB.
const MAX_ITEM_CHARS = 350_000;

const HeldApproval = z.object({
  id: z.string(),
  interruptId: z.string(),
  tool: z.string(),
  input: z.unknown(),
  expiresAt: z.string(),
});
export type HeldApproval = z.infer<typeof HeldApproval>;
const HeldApprovals = z.array(HeldApproval).min(1);

/** A paused call: its approvals, the agent snapshot to resume from, the conversation version it started from. */
export type HeldCall = { approvals: HeldApproval[]; snapshot: string; conversationVersion: number; rev: string };

/** Another call of this session took or stored the paused call first. */
export class HeldCallConflict extends Error {
  override name = "HeldCallConflict";
}

let client: DynamoDBClient | undefined;
const dynamo = () => (client ??= new DynamoDBClient({ maxAttempts: 3 }));
// Actor ids start with a letter or digit, so this key never equals a conversation's key in a shared table.
const keyOf = (caller: Caller) => ({ pk: { S: `#approval#${caller.actorId}#${caller.sessionId}` } });

function table(): string {
  if (!TABLE) throw new Error("AGENT_APPROVAL_TABLE is not set: a call waiting for approval cannot be kept");
  return TABLE;
}

/** The session's paused call, or null. */
export async function loadHeldCall(caller: Caller): Promise<HeldCall | null> {
  const out = await dynamo().send(new GetItemCommand({ TableName: table(), Key: keyOf(caller), ConsistentRead: true }));
  if (!out.Item) return null;
  const approvals = HeldApprovals.safeParse(JSON.parse(out.Item.approvals?.S ?? "[]"));
  if (!approvals.success || !out.Item.snapshot?.S) throw new Error("the stored paused call is malformed");
  return { approvals: approvals.data, snapshot: out.Item.snapshot.S, conversationVersion: Number(out.Item.conversationVersion?.N ?? 0), rev: out.Item.rev?.S ?? "" };
}

/** Stores a paused call; only when the session holds none (a call never overwrites another's pause). */
export async function holdCall(caller: Caller, held: Omit<HeldCall, "rev">): Promise<void> {
  if (held.snapshot.length > MAX_ITEM_CHARS) throw new Error("the conversation is too long to keep while it waits for approval");
  const deadline = Math.max(...held.approvals.map((a) => Date.parse(a.expiresAt))) / 1000;
  try {
    await dynamo().send(
      new PutItemCommand({
        TableName: table(),
        Item: {
          ...keyOf(caller),
          approvals: { S: JSON.stringify(held.approvals) },
          snapshot: { S: held.snapshot },
          conversationVersion: { N: String(held.conversationVersion) },
          rev: { S: randomUUID() },
          expiresAt: { N: String(Math.ceil(deadline) + KEEP_AFTER_DEADLINE_SECONDS) },
        },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new HeldCallConflict("another call of this session is already waiting for approval");
    throw error;
  }
}

/** Takes the paused call out of the store, so exactly one call resumes (or drops) it. */
export async function takeHeldCall(caller: Caller, held: HeldCall): Promise<void> {
  try {
    await dynamo().send(
      new DeleteItemCommand({
        TableName: table(),
        Key: keyOf(caller),
        ConditionExpression: "rev = :rev",
        ExpressionAttributeValues: { ":rev": { S: held.rev } },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new HeldCallConflict("another call of this session decided this approval first");
    throw error;
  }
}

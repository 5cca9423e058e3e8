import { createId } from "../ids";
import type { DynamoService } from "./service";

/** One stored chat turn of a project's consultation. */
export type ConversationMessage = {
  messageId: string;
  projectId: string;
  role: "user" | "assistant";
  content: string;
  /** The reply was cut off by a provider error (or the client went away); the UI offers a retry. */
  partial: boolean;
  /** Which model wrote an assistant reply (`offline`, `bedrock:…`). */
  servedBy?: string;
  createdAt: string;
};

export type NewMessage = Pick<ConversationMessage, "projectId" | "role" | "content"> & Partial<Pick<ConversationMessage, "partial" | "servedBy">>;

const toDomain = (m: Record<string, unknown>): ConversationMessage => ({ partial: false, ...m }) as ConversationMessage;

/**
 * Appends a message. Message ids are monotonic ULIDs and the sort key, so the stored
 * order is the order of appends, even within one millisecond.
 */
export async function appendMessage(dynamo: DynamoService, message: NewMessage): Promise<ConversationMessage> {
  const item: ConversationMessage = {
    messageId: createId("message"),
    projectId: message.projectId,
    role: message.role,
    content: message.content,
    partial: message.partial ?? false,
    ...(message.servedBy ? { servedBy: message.servedBy } : {}),
    createdAt: new Date().toISOString(),
  };
  await dynamo.entities.conversationMessage.create(item).go();
  return item;
}

/** The project's conversation, oldest first. */
export async function listMessages(dynamo: DynamoService, projectId: string): Promise<ConversationMessage[]> {
  const { data } = await dynamo.entities.conversationMessage.query.byProject({ projectId }).go({ pages: "all" });
  return data.map(toDomain);
}

import { DomainError } from "../../errors";

/**
 * Longest chat message accepted from a user, in UTF-16 code units. 8,000 characters is
 * about four pages of text: room for a detailed agent description, small enough that
 * extraction stays well under its 5 ms budget and a provider prompt stays cheap.
 */
export const MAX_MESSAGE_CHARS = 8_000;

/** Turns extraction re-reads; older turns stay stored and their fields stay in the draft. */
export const MAX_CONVERSATION_TURNS = 200;

/** Rejects an empty or oversized chat message with a reason the user can act on. */
export function assertMessageAcceptable(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw new DomainError("invalid", "The message is empty");
  if (text.length > MAX_MESSAGE_CHARS) {
    throw new DomainError("invalid", `The message is ${text.length} characters long; the limit is ${MAX_MESSAGE_CHARS}`, {
      limit: MAX_MESSAGE_CHARS,
      length: text.length,
    });
  }
  return trimmed;
}

import type { StructuredModel } from "../llm/structured";
import type { ChatMessage } from "../llm/types";
import { PROPOSAL_TOOL, Proposal } from "./proposal";
import type { Rejected } from "./validate-proposal";

export type ProposalRequest = { system: string; messages: ChatMessage[] };

/**
 * Asks the model for a proposal and validates it; when validation rejects operations,
 * the model is asked once more with the reasons, and what is still invalid is left to
 * the caller to drop and report. A malformed answer (not the proposal's shape) is a
 * model error: the caller falls back to the rule engine.
 */
export async function proposeValidated<V extends { rejected: Rejected[] }>(
  model: StructuredModel,
  request: ProposalRequest,
  validate: (proposal: Proposal) => V,
  signal?: AbortSignal,
): Promise<{ proposal: Proposal; result: V; retried: boolean }> {
  const ask = async (messages: ChatMessage[]) => Proposal.parse((await model.structured({ system: request.system, messages, tool: PROPOSAL_TOOL, temperature: 0 }, signal)).input);
  const first = await ask(request.messages);
  const checked = validate(first);
  if (!checked.rejected.length) return { proposal: first, result: checked, retried: false };
  const reasons = checked.rejected.map((r) => `- ${r.what}: ${r.reason}`).join("\n");
  const again = await ask([
    ...request.messages,
    { role: "assistant", content: JSON.stringify(first) },
    { role: "user", content: `These operations were rejected by validation:\n${reasons}\nPropose again with valid operations only.` },
  ]);
  return { proposal: again, result: validate(again), retried: true };
}

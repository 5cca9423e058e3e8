import type { AgentSpecDraft } from "../../spec/agent-spec";
import { specInputOf } from "./draft";
import { extractSpec } from "./extract-spec";
import { assertMessageAcceptable } from "./limits";
import { nextQuestion } from "./next-question";
import type { SpecRegistry } from "./registry-view";

/** What `agent-builder draft "…" --json` prints. */
export type DraftOutput = { spec: AgentSpecDraft; completeness: number; missing: string[] };

/**
 * Context extraction on one description, for the `draft` command: the spec draft, its
 * completeness and the missing fields (most important first), plus the PM's next question.
 * @throws DomainError("invalid") for an empty or oversized description.
 */
export function draftFromDescription(description: string, registry: SpecRegistry): DraftOutput & { question?: string } {
  const text = assertMessageAcceptable(description);
  const result = extractSpec([{ role: "user", content: text }], {}, registry);
  return {
    spec: specInputOf(result.draft),
    completeness: result.completeness,
    missing: result.missing,
    question: nextQuestion(result.missing, { draft: result.draft, tools: registry.tools }),
  };
}

/** The human-readable form: the draft as indented JSON, the score, and what is still missing. */
export function formatDraft(out: DraftOutput & { question?: string }): string {
  const lines = [JSON.stringify(out.spec, null, 2), "", `Completeness: ${Math.round(out.completeness * 100)}%`];
  if (out.missing.length) lines.push(`Missing: ${out.missing.join(", ")}`);
  if (out.question) lines.push(`Next question: ${out.question}`);
  return `${lines.join("\n")}\n`;
}

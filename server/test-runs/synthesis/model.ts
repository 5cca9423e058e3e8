import { z } from "zod";
import type { StructuredModel } from "../../llm/structured";
import { EVALUATORS } from "../judge/rubric";
import { CaseDraft } from "../service/save-cases";
import type { SynthesisSource } from "./source";

/**
 * Test cases drawn up by the configured model as a structured answer. Each proposed case is
 * validated like a saved one; the ones that do not fit are dropped and each is reported.
 */

const TOOL = {
  name: "propose_test_cases",
  description: "Propose test cases for the agent: each with a user input, what a good answer must satisfy, and a reference answer.",
  inputSchema: {
    type: "object",
    properties: {
      cases: {
        type: "array",
        items: {
          type: "object",
          properties: {
            name: { type: "string", description: "Short title, at most 100 characters" },
            input: { type: "string", description: "What the user says to the agent" },
            reference: { type: "string", description: "A correct answer, to judge correctness against" },
            toolsInOrder: { type: "array", items: { type: "string" }, description: "Tool ids the agent should call, in order" },
            forbiddenTools: { type: "array", items: { type: "string" } },
            maxTurns: { type: "integer", minimum: 1, maximum: 20 },
            contains: { type: "array", items: { type: "string" }, description: "Words the answer must contain" },
            judges: { type: "array", items: { type: "string", enum: [...EVALUATORS] } },
          },
          required: ["name", "input"],
        },
      },
    },
    required: ["cases"],
  },
};

const Proposed = z.object({ cases: z.array(z.record(z.string(), z.unknown())).max(100) });
const EXPECTATION_KEYS = ["reference", "toolsInOrder", "forbiddenTools", "maxTurns", "contains", "judges"] as const;

function prompt(s: SynthesisSource, count: number): string {
  return [
    `Draw up ${count} varied test cases for the agent "${s.agentName}".`,
    `Its use case: ${s.useCase}`,
    s.tools.length ? `Its tools (use these ids):\n${s.tools.map((t) => `- ${t.id}: ${t.name}. ${t.description}`).join("\n")}` : "It has no tools.",
    s.deniedTopics.length ? `Topics it must refuse: ${s.deniedTopics.join("; ")}. Include a case per topic whose reference answer is a refusal.` : "",
    "Cover normal requests, requests that need each tool, edge cases and at least one request it should refuse. Give each case a reference answer and the judges to score it with (correctness needs the reference).",
    `<system_prompt_of_the_agent>\n${s.systemPrompt}\n</system_prompt_of_the_agent>`,
  ].filter(Boolean).join("\n\n");
}

export async function synthesizeWithModel(model: StructuredModel, s: SynthesisSource, count: number, signal?: AbortSignal): Promise<{ cases: CaseDraft[]; dropped: string[] }> {
  const answer = await model.structured({ system: "You write evaluation test cases for AI agents. Answer only by calling the tool.", messages: [{ role: "user", content: prompt(s, count) }], tool: TOOL, temperature: 0.2, maxTokens: 4_000 }, signal);
  const proposed = Proposed.safeParse(answer.input);
  if (!proposed.success) throw new Error(`the model's answer is malformed: ${proposed.error.issues[0]?.path.join(".") || "(answer)"} ${proposed.error.issues[0]?.message}`);
  const cases: CaseDraft[] = [];
  const dropped: string[] = [];
  for (const [i, raw] of proposed.data.cases.slice(0, count).entries()) {
    const expectations = Object.fromEntries(EXPECTATION_KEYS.filter((k) => raw[k] !== undefined).map((k) => [k, raw[k]]));
    const parsed = CaseDraft.safeParse({ name: raw.name, input: raw.input, expectations });
    if (parsed.success) cases.push(parsed.data);
    else dropped.push(`case ${i + 1}: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}`);
  }
  return { cases, dropped };
}

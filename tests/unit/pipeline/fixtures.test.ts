import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { RuleBasedLanguageModel } from "../../../server/llm/rule-based";
import { getPath, type SpecDraft, type Turn } from "../../../server/consultation/rules/draft";
import { extractSpec, type ExtractionResult } from "../../../server/consultation/rules/extract-spec";
import { questionTopic } from "../../../server/consultation/rules/next-question";
import { buildPmSystemPrompt } from "../../../server/consultation/rules/pm-reply";
import { validateSpec } from "../../../server/spec/agent-spec";
import { realRegistry } from "./registry";

/** A description as a user would write it, the answers they would give, and what must come out. */
const Fixture = z.object({
  id: z.string().min(1),
  turns: z.array(z.string().min(1)).min(1).max(4),
  /** Answers to the PM's questions, keyed by the field asked about. */
  answers: z.record(z.string(), z.string().min(1)),
  maxUserTurns: z.number().int().min(1).max(4),
  /** Dotted paths → expected value; `tools` is the list of tool ids; null = absent. */
  expected: z.record(z.string(), z.unknown()),
  /** Required settings the user put off ("not yet"): still missing at the end, so the spec is not complete. */
  open: z.array(z.string()).default([]),
});

const dir = join(__dirname, "../../fixtures/descriptions");
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => {
    const parsed = Fixture.safeParse(JSON.parse(readFileSync(join(dir, f), "utf8")));
    if (!parsed.success) throw new Error(`${f}: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
    return parsed.data;
  });

const registry = realRegistry();
const model = new RuleBasedLanguageModel({ registry });

/** The tool setting a `tools.N.config.x` question is about, from the question's topic. */
function answerKey(reply: string, draft: SpecDraft): string | undefined {
  const topic = questionTopic(reply, registry.tools);
  if (!topic?.startsWith("tool-config:")) return topic;
  const [, toolId, param] = topic.split(":");
  const index = (draft.tools ?? []).findIndex((t) => t.id === toolId);
  return `tools.${index}.config.${param}`;
}

/** User turn → extraction → the offline PM's reply → the scripted answer to its question. */
async function converse(fixture: z.infer<typeof Fixture>) {
  const conversation: Turn[] = [];
  const scripted = [...fixture.turns];
  let draft: SpecDraft = {};
  let result: ExtractionResult | undefined;
  let userTurns = 0;
  let asked: string | undefined;
  while (userTurns < fixture.maxUserTurns) {
    const message = scripted.shift() ?? (asked ? fixture.answers[asked] : undefined);
    if (message === undefined) assert.fail(`${fixture.id}: the PM asked about '${asked}' and the fixture has no answer (missing: ${result?.missing.join(", ")})`);
    conversation.push({ role: "user", content: message });
    userTurns++;
    result = extractSpec(conversation, draft, registry);
    draft = result.draft;
    const reply = await model.complete({ system: buildPmSystemPrompt(result, registry), messages: conversation });
    conversation.push({ role: "assistant", content: reply.text });
    asked = answerKey(reply.text, draft);
    // Settings the user put off stay missing but are not asked again.
    const askable = result.missing.filter((p) => !(draft.skippedPaths ?? []).includes(p));
    if (askable.length > 0) assert.equal(asked, askable[0], `${fixture.id}: the PM must ask about the most important missing field`);
    if (askable.length === 0 && scripted.length === 0) break;
  }
  return { result: result!, userTurns };
}

describe("offline consultation over the description fixtures", () => {
  test("there are at least 20 fixtures", () => assert.ok(fixtures.length >= 20, `${fixtures.length} fixtures`));

  for (const fixture of fixtures) {
    test(fixture.id, async () => {
      const { result, userTurns } = await converse(fixture);
      assert.deepEqual(result.missing, fixture.open, `${fixture.id}: still missing ${result.missing.join(", ")} after ${userTurns} turns`);
      if (fixture.open.length === 0) assert.equal(result.completeness, 1);
      else assert.ok(result.completeness < 1, `${fixture.id}: a required setting left open is not complete`);
      assert.ok(userTurns <= fixture.maxUserTurns);
      const valid = validateSpec(result.draft);
      assert.ok(valid.ok, `${fixture.id}: ${valid.ok ? "" : JSON.stringify(valid.issues)}`);
      if (!valid.ok) return;
      for (const [path, expected] of Object.entries(fixture.expected)) {
        // The parsed spec has the schema's defaults (language python…); the draft keeps the skip list.
        const source = path === "skippedPaths" ? result.draft : valid.spec;
        const actual: unknown = path === "tools" ? valid.spec.tools.map((t) => t.id) : getPath(source, path);
        if (expected === null) assert.equal(actual, undefined, `${fixture.id}: ${path}`);
        else if (path === "requirements.capabilities") {
          for (const c of expected as string[]) assert.ok((actual as string[]).includes(c), `${fixture.id}: capability ${c} in ${String(actual)}`);
        } else assert.deepEqual(actual, expected, `${fixture.id}: ${path}`);
      }
    });
  }
});

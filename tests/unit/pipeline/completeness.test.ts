import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { assessCompleteness } from "../../../server/consultation/rules/completeness";
import type { SpecDraft } from "../../../server/consultation/rules/draft";
import { nextQuestion, questionTopic } from "../../../server/consultation/rules/next-question";
import { realRegistry } from "./registry";

const registry = realRegistry();

const complete: SpecDraft = {
  name: "support-agent",
  description: "Answers customer questions.",
  systemPrompt: "You are a support agent.",
  model: { id: "amazon.nova-micro-v1:0" },
  tools: [],
  deployment: { target: "lambda" },
  requirements: { useCase: "Customer support", requestsPerDay: 100, monthlyBudgetUsd: 50 },
};

describe("assessCompleteness", () => {
  test("an empty draft is 0 with every field missing, most important first", () => {
    const r = assessCompleteness({});
    assert.equal(r.completeness, 0);
    assert.deepEqual(r.missing, [
      "requirements.useCase",
      "description",
      "tools",
      "requirements.requestsPerDay",
      "requirements.monthlyBudgetUsd",
      "deployment.target",
      "model.id",
      "systemPrompt",
      "name",
    ]);
    assert.deepEqual(r.filled, []);
  });

  test("a complete, valid draft is exactly 1", () => {
    const r = assessCompleteness(complete, registry.tools);
    assert.deepEqual(r, { completeness: 1, missing: [], filled: r.filled });
    assert.equal(r.filled.length, 9);
  });

  test("weights: knowing the use case counts more than knowing the name", () => {
    const withUseCase = assessCompleteness({ requirements: { useCase: "Tutor" } }).completeness;
    const withName = assessCompleteness({ name: "tutor-agent" }).completeness;
    assert.ok(withUseCase > withName);
    assert.equal(withUseCase, 0.2);
  });

  test("a skipped optional field counts as answered; a skipped required one does not", () => {
    const { requirements, ...rest } = complete;
    const draft: SpecDraft = { ...rest, requirements: { useCase: requirements!.useCase, requestsPerDay: 100 }, skippedPaths: ["requirements.monthlyBudgetUsd", "name"] };
    assert.equal(assessCompleteness(draft).completeness, 1);
    assert.deepEqual(assessCompleteness({ ...draft, name: undefined }).missing, ["name"]);
  });

  test("a required tool setting without a value is missing right after the tools", () => {
    const draft: SpecDraft = { ...complete, tools: [{ id: "bedrock_knowledge_base", config: { description: "docs" } }], requirements: { useCase: "Support" } };
    const r = assessCompleteness(draft, registry.tools);
    assert.deepEqual(r.missing, ["tools.0.config.knowledge_base_id", "requirements.requestsPerDay", "requirements.monthlyBudgetUsd"]);
    assert.ok(r.completeness < 1);
  });

  test("every field present but one invalid: not complete, and the invalid field is named", () => {
    const r = assessCompleteness({ ...complete, name: "Not A Slug!" });
    assert.equal(r.completeness, 0.99);
    assert.deepEqual(r.missing, ["name"]);
  });
});

describe("nextQuestion and questionTopic", () => {
  test("asks about the first missing field and reads the topic back from its own question", () => {
    for (const path of ["requirements.useCase", "tools", "requirements.requestsPerDay", "requirements.monthlyBudgetUsd", "deployment.target", "model.id", "systemPrompt", "name"]) {
      const question = nextQuestion([path, "name"])!;
      assert.ok(question.endsWith("?") || question.includes("?"), question);
      assert.equal(questionTopic(`Here is what I understood:\n- Traffic: about 300 requests a day\n\n${question}`), path, question);
    }
    assert.equal(nextQuestion([]), undefined);
  });

  test("a tool setting question names the tool and parameter, and its topic says which", () => {
    const draft: SpecDraft = { tools: [{ id: "mcp_slack", config: {} }] };
    const question = nextQuestion(["tools.0.config.team_id"], { draft, tools: registry.tools })!;
    assert.match(question, /Slack MCP server needs its Team ID: Slack workspace \(team\) ID\./);
    assert.doesNotMatch(question, /team_id|mcp_slack/, "the setting by its human name, not its identifier");
    assert.equal(questionTopic(`The spec is 97% complete. ${question}`, registry.tools), "tool-config:mcp_slack:team_id");
    assert.equal(questionTopic("Slack MCP server (mcp_slack) needs team_id: Slack workspace (team) ID. What is it?"), "tool-config:mcp_slack:team_id", "conversations stored in the old wording still read back");
  });

  test("an unknown field gets a generic question pointing at the form", () => {
    assert.match(nextQuestion(["security.maxInputChars"])!, /fill in "security\.maxInputChars"/);
  });
});

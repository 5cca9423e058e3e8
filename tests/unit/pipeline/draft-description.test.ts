import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { DomainError } from "../../../server/errors";
import { draftFromDescription, formatDraft } from "../../../server/consultation/rules/draft-description";
import { realRegistry } from "./registry";

const registry = realRegistry();

describe("draftFromDescription (the draft command)", () => {
  test("gives the spec draft, score, missing fields and next question for one description", () => {
    const out = draftFromDescription("A research agent that searches the web for competitor news, 20 requests a day, $50 a month, on Lambda.", registry);
    assert.equal(out.spec.requirements?.useCase, "Research assistant");
    assert.equal(out.spec.deployment?.target, "lambda");
    assert.equal(out.completeness, 1);
    assert.deepEqual(out.missing, []);
    assert.equal(out.question, undefined);
    assert.ok(!("lockedPaths" in out.spec) && !("skippedPaths" in out.spec));
    const text = formatDraft(out);
    assert.match(text, /^\{\n {2}"requirements"/);
    assert.match(text, /Completeness: 100%\n$/);
  });

  test("an incomplete description lists what is missing and the question", () => {
    const out = draftFromDescription("A tutor for students", registry);
    assert.deepEqual(out.missing, ["tools", "requirements.requestsPerDay", "requirements.monthlyBudgetUsd"]);
    assert.match(formatDraft(out), /Missing: tools, requirements\.requestsPerDay, requirements\.monthlyBudgetUsd\nNext question: Which tools/);
  });

  test("an empty description is invalid", () => {
    assert.throws(() => draftFromDescription(" ", registry), (e: unknown) => e instanceof DomainError && e.code === "invalid");
  });
});

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { DomainError } from "../../../server/errors";
import { applyUserEdit, getPath, isLocked, setPath, specInputOf } from "../../../server/consultation/rules/draft";
import { MAX_MESSAGE_CHARS, assertMessageAcceptable } from "../../../server/consultation/rules/limits";

describe("draft helpers", () => {
  test("setPath copies along the path and leaves the original untouched", () => {
    const original = { deployment: { target: "lambda" as const, region: "us-east-1" }, name: "a-b-c" };
    const next = setPath(original, "deployment.region", "eu-west-1");
    assert.equal(next.deployment.region, "eu-west-1");
    assert.equal(original.deployment.region, "us-east-1");
    assert.equal(getPath(next, "deployment.target"), "lambda");
    assert.equal(getPath(next, "model.id"), undefined);
    assert.deepEqual(setPath({}, "requirements.useCase", "Tutor"), { requirements: { useCase: "Tutor" } });
  });

  test("a hand edit sets, locks and un-skips the field", () => {
    const edited = applyUserEdit({ skippedPaths: ["requirements.monthlyBudgetUsd"] }, "requirements.monthlyBudgetUsd", 75);
    assert.equal(edited.requirements?.monthlyBudgetUsd, 75);
    assert.deepEqual(edited.lockedPaths, ["requirements.monthlyBudgetUsd"]);
    assert.deepEqual(edited.skippedPaths, []);
    assert.ok(isLocked(edited, "requirements.monthlyBudgetUsd"));
    assert.ok(!isLocked(edited, "requirements"));
    assert.ok(isLocked(applyUserEdit({}, "model", { id: "x" }), "model.id"));
  });

  test("specInputOf drops the consultation bookkeeping", () => {
    assert.deepEqual(specInputOf({ name: "abc", lockedPaths: ["name"], skippedPaths: [] }), { name: "abc" });
  });
});

describe("message limits", () => {
  test("empty and oversized messages are invalid; the limit is documented in the error", () => {
    assert.throws(() => assertMessageAcceptable("   \n "), (e: unknown) => e instanceof DomainError && e.code === "invalid" && /empty/.test(e.message));
    assert.throws(
      () => assertMessageAcceptable("x".repeat(MAX_MESSAGE_CHARS + 1)),
      (e: unknown) => e instanceof DomainError && e.details?.limit === MAX_MESSAGE_CHARS && /limit is 8000/.test(e.message),
    );
    assert.equal(assertMessageAcceptable("  hello  "), "hello");
    assert.equal(assertMessageAcceptable("x".repeat(MAX_MESSAGE_CHARS)).length, MAX_MESSAGE_CHARS);
  });
});

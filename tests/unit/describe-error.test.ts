import assert from "node:assert/strict";
import { test } from "node:test";
import { describeError } from "../../server/api/trpc";

test("a logged error names its class, code and causes, never a message", () => {
  const aws = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:41527 user@example.com"), { name: "TimeoutError", code: "ECONNREFUSED" });
  const wrapped = Object.assign(new Error('Error thrown by DynamoDB client: "secret-param"', { cause: aws }), { name: "ElectroError", code: 4001 });
  assert.equal(describeError(wrapped), "ElectroError (4001) ← TimeoutError (ECONNREFUSED)");
  assert.equal(describeError("boom"), "string");
  let deep: Error = new Error("x");
  for (let i = 0; i < 6; i++) deep = new Error("y", { cause: deep });
  assert.equal(describeError(deep).split("←").length, 4, "the cause chain is cut after three links");
});

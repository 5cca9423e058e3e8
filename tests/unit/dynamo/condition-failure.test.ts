import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isConditionFailure } from "../../../server/dynamo/condition-failure";

const sdkError = (name: string, extra: object = {}) => Object.assign(new Error("x"), { name, ...extra });

describe("isConditionFailure", () => {
  it("recognises the SDK's error, directly or wrapped by ElectroDB", () => {
    assert.equal(isConditionFailure(sdkError("ConditionalCheckFailedException")), true);
    assert.equal(isConditionFailure(new Error("Error thrown by DynamoDB client", { cause: sdkError("ConditionalCheckFailedException") })), true);
  });

  it("recognises a transaction cancelled by a condition, and only that reason", () => {
    const cancelled = (code: string) => sdkError("TransactionCanceledException", { CancellationReasons: [{ Code: "None" }, { Code: code }] });
    assert.equal(isConditionFailure(cancelled("ConditionalCheckFailed")), true);
    assert.equal(isConditionFailure(cancelled("ThrottlingError")), false);
  });

  it("does not judge by message text: a user string quoting the phrase is not a condition failure", () => {
    assert.equal(isConditionFailure(new Error("The conditional request failed: ConditionalCheckFailed")), false);
    assert.equal(isConditionFailure(sdkError("ProvisionedThroughputExceededException")), false);
    assert.equal(isConditionFailure(undefined), false);
    assert.equal(isConditionFailure("ConditionalCheckFailedException"), false);
  });
});

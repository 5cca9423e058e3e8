/** The pure parts of stacks/: deploy inputs, IAM ARN builders, transform composition, app settings. */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import { parseDeployInputs } from "../../stacks/inputs";
import { bedrockModelArns, taskFamilyArn, tasksInClusterArn } from "../../stacks/iam";
import { composeTransform, withLogPolicy } from "../../stacks/transforms";
import { keyPolicy } from "../../stacks/key-policy";
import { TABLE, WORKERS, visibilityTimeoutSeconds } from "../../stacks/config";
import { TABLE_KEYS } from "../../server/dynamo/entities/keys";

describe("deploy inputs", () => {
  test("defaults the budget email and the Bedrock models", () => {
    const inputs = parseDeployInputs({ ALERT_EMAIL: "ops@example.com", BUDGET_EMAIL: "", DOMAIN: " " });
    assert.equal(inputs.BUDGET_EMAIL, undefined);
    assert.equal(inputs.DOMAIN, undefined);
    assert.deepEqual(inputs.BEDROCK_MODEL_IDS, ["us.anthropic.claude-sonnet-5"]);
  });
  test("splits model lists", () => {
    const inputs = parseDeployInputs({ ALERT_EMAIL: "ops@example.com", BEDROCK_MODEL_IDS: "amazon.nova-lite-v1:0, us.anthropic.claude-sonnet-5" });
    assert.deepEqual(inputs.BEDROCK_MODEL_IDS, ["amazon.nova-lite-v1:0", "us.anthropic.claude-sonnet-5"]);
  });
  test("a bad value stops the deploy naming the variable", () => {
    assert.throws(() => parseDeployInputs({}), /ALERT_EMAIL/);
    assert.throws(() => parseDeployInputs({ ALERT_EMAIL: "ops@example.com", DOMAIN: "https://x.com" }), /DOMAIN: must be a lower-case DNS name/);
    assert.throws(() => parseDeployInputs({ ALERT_EMAIL: "ops@example.com", BEDROCK_MODEL_IDS: "bad model" }), /BEDROCK_MODEL_IDS/);
  });
});

describe("IAM ARN builders", () => {
  test("a foundation model is regional, a profile adds its base model in any region", () => {
    assert.deepEqual(bedrockModelArns(["amazon.nova-lite-v1:0", "us.anthropic.claude-sonnet-5"], "us-east-1", "111122223333"), [
      "arn:aws:bedrock:*::foundation-model/anthropic.claude-sonnet-5",
      "arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-sonnet-5",
      "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0",
    ]);
  });
  test("task family and cluster task ARNs", () => {
    assert.equal(taskFamilyArn("arn:aws:ecs:us-east-1:1:task-definition/c-TestRunner:12"), "arn:aws:ecs:us-east-1:1:task-definition/c-TestRunner:*");
    assert.equal(tasksInClusterArn("arn:aws:ecs:us-east-1:1:cluster/c"), "arn:aws:ecs:us-east-1:1:task/c/*");
  });
  test("the key policy admits the account and CloudWatch only", () => {
    const principals = keyPolicy("111122223333").Statement.map((s) => s.Principal);
    assert.deepEqual(principals, [{ AWS: "arn:aws:iam::111122223333:root" }, { Service: "cloudwatch.amazonaws.com" }]);
  });
});

describe("transform composition", () => {
  test("the platform policy runs after the component's own transform, object or callback", () => {
    const fromObject = composeTransform<{ a?: number; b?: number }>({ a: 1, b: 1 }, (x) => (x.b = 2));
    const args: { a?: number; b?: number } = {};
    fromObject(args, {}, "n");
    assert.deepEqual(args, { a: 1, b: 2 });
    const fromCallback = composeTransform<{ a?: number }>((x) => ((x.a = 5), undefined), (x) => (x.a = x.a! + 1));
    const other: { a?: number } = {};
    fromCallback(other, {}, "n");
    assert.deepEqual(other, { a: 6 });
  });
  test("log policy forces retention and JSON, but leaves a custom log group and disabled logs alone", () => {
    assert.deepEqual(withLogPolicy(undefined, "1 week"), { retention: "1 week", format: "json" });
    assert.deepEqual(withLogPolicy({ retention: "1 month", format: "text" }, "1 week"), { retention: "1 week", format: "text" });
    assert.deepEqual(withLogPolicy({ logGroup: "/custom" }, "1 week"), { logGroup: "/custom" });
    assert.equal(withLogPolicy(false, "1 week"), false);
  });
});

describe("config", () => {
  test("table keys are the ElectroDB layout", () => {
    assert.deepEqual(TABLE.primaryIndex, { hashKey: TABLE_KEYS.pk, rangeKey: TABLE_KEYS.sk });
    assert.deepEqual(TABLE.globalIndexes[TABLE_KEYS.gsi1.index], { hashKey: TABLE_KEYS.gsi1.pk, rangeKey: TABLE_KEYS.gsi1.sk });
    assert.deepEqual(TABLE.globalIndexes[TABLE_KEYS.gsi2.index], { hashKey: TABLE_KEYS.gsi2.pk, rangeKey: TABLE_KEYS.gsi2.sk });
  });
  test("every visibility timeout is six times its worker's timeout", () => {
    assert.deepEqual(Object.fromEntries(Object.keys(WORKERS).map((r) => [r, visibilityTimeoutSeconds(r as keyof typeof WORKERS)])), { pm: 720, dev: 5400, qa: 1080, ops: 360 });
  });
  test("sst.config.ts keeps production data and protects the stage; other stages clean up", async () => {
    (globalThis as any).$config = (c: unknown) => c;
    const config = (await import(pathToFileURL(resolve(import.meta.dirname, "../../sst.config.ts")).href)).default;
    assert.deepEqual(config.app({ stage: "production" }), { name: "agent-builder", removal: "retain", protect: true, home: "aws", providers: { aws: { region: "us-east-1" } } });
    assert.equal(config.app({ stage: "pr-42" }).removal, "remove");
    assert.equal(config.app({ stage: "pr-42" }).protect, false);
  });
});

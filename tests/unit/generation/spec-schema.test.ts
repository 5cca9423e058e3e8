import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { buildSpecSchema, SPEC_SCHEMA_PATH } from "../../../scripts/build-spec-schema";

test("server/spec/agent-spec.schema.json is up to date with the AgentSpec zod schema", () => {
  assert.equal(readFileSync(SPEC_SCHEMA_PATH, "utf8"), buildSpecSchema(), "run: node --import tsx scripts/build-spec-schema.ts");
});

test("the published schema names the required fields and the deployment targets", () => {
  const schema = JSON.parse(buildSpecSchema()) as { required: string[]; properties: Record<string, { oneOf?: Array<{ properties: { target: { const: string } } }> }> };
  assert.deepEqual([...schema.required].sort(), ["deployment", "description", "model", "name", "systemPrompt"]);
  const targets = (schema.properties.deployment?.oneOf ?? []).map((o) => o.properties.target.const).sort();
  assert.deepEqual(targets, ["agentcore", "ecs-fargate", "lambda"]);
});

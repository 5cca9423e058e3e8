import assert from "node:assert/strict";
import { test } from "node:test";
import { loadAwsServiceSpecSync } from "@aws-cdk/aws-service-spec";
import { validateSpec } from "../../../server/spec/agent-spec";
import { GuardrailsSpec, PII_ENTITY_TYPES } from "../../../server/spec/guardrails";
import { baseSpec } from "../generation/fixtures";

test("PII entity types are exactly the resource specification's allowed values", () => {
  const db = loadAwsServiceSpecSync();
  const resource = db.lookup("resource", "cloudFormationType", "equals", "AWS::Bedrock::Guardrail")[0]!;
  const configRef = (resource.properties.SensitiveInformationPolicyConfig!.type as { reference: { $ref: string } }).reference.$ref;
  const config = db.get("typeDefinition", configRef);
  const entityRef = ((config.properties.PiiEntitiesConfig!.type as { element: { reference: { $ref: string } } }).element.reference.$ref);
  const entity = db.get("typeDefinition", entityRef);
  const allowed = (entity.properties.Type!.type as { allowedValues?: string[] }).allowedValues;
  assert.deepEqual([...PII_ENTITY_TYPES].sort(), [...(allowed ?? [])].sort());
});

test("a spec without guardrails still parses, and has none", () => {
  const r = validateSpec(baseSpec());
  assert.ok(r.ok);
  assert.equal(r.spec.guardrails, undefined);
});

test("defaults: no topics, PII rules or words; a blocked message", () => {
  const g = GuardrailsSpec.parse({});
  assert.deepEqual(g, { deniedTopics: [], pii: [], words: [], profanity: false, blockedMessage: "Sorry, I can't help with that request." });
});

test("bad guardrails are refused with the field named", () => {
  const cases: Array<[unknown, RegExp]> = [
    [{ pii: [{ type: "SSN", action: "BLOCK" }] }, /^guardrails\.pii\.0\.type$/],
    [{ pii: [{ type: "EMAIL", action: "MASK" }] }, /^guardrails\.pii\.0\.action$/],
    [{ pii: [{ type: "EMAIL", action: "BLOCK" }, { type: "EMAIL", action: "ANONYMIZE" }] }, /^guardrails\.pii\.1$/],
    [{ deniedTopics: [{ name: "bad/name", definition: "x" }] }, /^guardrails\.deniedTopics\.0\.name$/],
    [{ deniedTopics: [{ name: "ok", definition: "x".repeat(201) }] }, /^guardrails\.deniedTopics\.0\.definition$/],
    [{ deniedTopics: [{ name: "ok", definition: "x", examples: ["a", "b", "c", "d", "e", "f"] }] }, /^guardrails\.deniedTopics\.0\.examples$/],
    [{ groundingThreshold: 1 }, /^guardrails\.groundingThreshold$/],
    [{ words: ["  "] }, /^guardrails\.words\.0$/],
  ];
  for (const [guardrails, field] of cases) {
    const r = validateSpec(baseSpec({ guardrails } as never));
    assert.equal(r.ok, false, JSON.stringify(guardrails));
    if (!r.ok) assert.ok(r.issues.some((i) => field.test(i.path)), `${JSON.stringify(guardrails)}: ${JSON.stringify(r.issues)}`);
  }
});

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { BUILTIN_TEMPLATES } from "../../../server/consultation/templates-builtin";
import { resolveIntent } from "../../../server/consultation/rules/extraction/resolve-tool";
import { TOOL_INTENTS } from "../../../server/consultation/rules/extraction/tool-intents";
import { USE_CASES } from "../../../server/consultation/rules/extraction/use-cases";
import { validateSpec } from "../../../server/spec/agent-spec";
import { realRegistry } from "./registry";

const registry = realRegistry();
const toolIds = new Set(registry.tools.map((t) => t.id));

describe("every tool id the rules can emit is in the real registry", () => {
  for (const intent of TOOL_INTENTS) {
    test(`intent ${intent.id}`, () => {
      for (const id of intent.prefer) assert.ok(toolIds.has(id), `'${id}' (preferred for ${intent.id}) is not in registry/tools.json`);
      for (const language of ["python", "typescript"] as const) {
        for (const target of [undefined, "agentcore", "ecs-fargate", "lambda"] as const) {
          const tool = resolveIntent(intent, registry.tools, { language, target });
          if (tool) {
            assert.ok(toolIds.has(tool.id));
            assert.equal(tool.status, "active", `${intent.id} resolved to deprecated ${tool.id}`);
          }
        }
      }
    });
  }

  test("intents meant to resolve do resolve for a Python agent on AgentCore", () => {
    const unresolved = TOOL_INTENTS.filter((i) => i.prefer.length > 0 && !resolveIntent(i, registry.tools, { language: "python", target: "agentcore" }));
    assert.deepEqual(unresolved.map((i) => i.id), []);
  });

  test("use cases imply only known intents", () => {
    const intents = new Set<string>(TOOL_INTENTS.map((i) => i.id));
    for (const u of USE_CASES) for (const i of u.implies) assert.ok(intents.has(i), `${u.id} implies unknown intent ${i}`);
  });
});

describe("built-in templates", () => {
  test("there are at least 8, with unique ids and names", () => {
    assert.ok(BUILTIN_TEMPLATES.length >= 8);
    assert.equal(new Set(BUILTIN_TEMPLATES.map((t) => t.id)).size, BUILTIN_TEMPLATES.length);
    assert.equal(new Set(BUILTIN_TEMPLATES.map((t) => t.spec.name)).size, BUILTIN_TEMPLATES.length);
  });

  for (const template of BUILTIN_TEMPLATES) {
    test(`${template.id} is a valid spec using only registry models and tools that fit it`, () => {
      const result = validateSpec(template.spec);
      assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
      const model = registry.models.find((m) => m.id === template.spec.model.id);
      assert.ok(model, `model '${template.spec.model.id}' is not in registry/models.json`);
      assert.notEqual(model.status, "deprecated");
      for (const cap of template.spec.requirements.capabilities) assert.equal(model.capabilities[cap], true, `${model.id} lacks ${cap}`);
      for (const choice of template.spec.tools) {
        const tool = registry.tools.find((t) => t.id === choice.id);
        assert.ok(tool, `tool '${choice.id}' is not in registry/tools.json`);
        assert.equal(tool.status, "active");
        assert.ok(template.spec.language === "typescript" ? tool.typescript : tool.python, `${tool.id} has no ${template.spec.language} code`);
        assert.ok(tool.platforms[template.spec.deployment.target].supported, `${tool.id} does not run on ${template.spec.deployment.target}`);
        for (const key of Object.keys(choice.config)) assert.ok(tool.config.some((p) => p.name === key && !p.secret), `${tool.id} has no setting '${key}'`);
      }
    });
  }

  test("the gallery covers the use cases the issue names", () => {
    const categories = BUILTIN_TEMPLATES.map((t) => `${t.id} ${t.name}`.toLowerCase()).join(" ");
    for (const word of ["support", "research", "data analyst", "devops", "document", "sql", "meeting", "mcp"]) assert.ok(categories.includes(word), word);
  });
});

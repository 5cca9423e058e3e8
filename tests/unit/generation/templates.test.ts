import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { DomainError } from "../../../server/errors";
import { generateProject } from "../../../server/generation/generate-project";
import { TemplateManifest } from "../../../server/generation/template-manifest";
import { createTemplateSet, loadTemplateSet, type TemplateLayer } from "../../../server/generation/template-set";
import { baseSpec, fixtureRegistry } from "./fixtures";

const manifest = (over: Partial<TemplateManifest> = {}): TemplateManifest =>
  TemplateManifest.parse({ id: "test", version: "1.0.0", description: "test layer", order: 0, appliesTo: {}, builders: ["agent-spec"], ...over });

const layer = (content: string, outPath = "app/x.py"): TemplateLayer => ({
  manifest: manifest(),
  files: [{ source: `common/${outPath}.template`, variant: "common", outPath, isTemplate: true, content }],
});

const isInvalid = (template: string, line?: number) => (e: unknown) => {
  assert.ok(e instanceof DomainError, String(e));
  assert.equal(e.code, "invalid");
  assert.equal(e.details?.template, template);
  if (line !== undefined) assert.equal(e.details?.line, line);
  return true;
};

describe("the shipped template set", () => {
  test("loads every layer with a valid manifest and a stable version", () => {
    const set = loadTemplateSet();
    const ids = set.layers.map((l) => l.manifest.id);
    assert.deepEqual(ids, ["base", "python", "typescript", "api-tools", "targets/container", "targets/agentcore", "targets/ecs-fargate", "targets/lambda"]);
    assert.match(set.version, /^tpl-[0-9a-f]{16}$/);
    assert.ok(set.layers.every((l) => l.files.length > 0 || l.manifest.builders.length > 0));
  });

  test("pins every package to an exact version with its source", () => {
    for (const l of loadTemplateSet().layers) {
      for (const p of Object.values(l.manifest.packages).flat()) {
        assert.match(p.version, /^\d+\.\d+\.\d+/, `${l.manifest.id} ${p.name}`);
        assert.ok(p.source.length > 0);
      }
    }
  });
});

describe("template rendering", () => {
  test("a template that prints user text without a serializer fails, naming the file and line", () => {
    const set = createTemplateSet([layer('"""doc"""\nX = {{ text.systemPrompt }}\n')]);
    assert.throws(() => generateProject(baseSpec(), fixtureRegistry, set), isInvalid("test/common/app/x.py.template", 2));
  });

  test("the raw filter cannot bypass the serializer check", () => {
    const set = createTemplateSet([layer("X = {{ text.description | raw }}\n")]);
    assert.throws(() => generateProject(baseSpec(), fixtureRegistry, set), isInvalid("test/common/app/x.py.template", 1));
  });

  test("a syntax error names the template and line, and nothing is returned", () => {
    const set = createTemplateSet([layer("a = 1\nb = 2\n{% if %}\n")]);
    assert.throws(() => generateProject(baseSpec({ name: "other-agent" }), fixtureRegistry, set), isInvalid("test/common/app/x.py.template", 3));
  });

  test("an unknown variable is an error, not an empty string", () => {
    const set = createTemplateSet([layer("X = {{ text.nope | py_str }}\n")]);
    assert.throws(() => generateProject(baseSpec({ name: "third-agent" }), fixtureRegistry, set), isInvalid("test/common/app/x.py.template", 1));
  });

  test("output inside a comment is refused when the template set loads", () => {
    assert.throws(() => createTemplateSet([layer("# {{ text.description | py_str }}\n")]), isInvalid("test/common/app/x.py.template", 1));
    assert.throws(() => createTemplateSet([layer("x // {{ text.name | ts_str }}\n", "src/a.ts")]), DomainError);
  });

  test("serialized values, path tokens and dotfile names render", () => {
    const set = createTemplateSet([
      {
        manifest: manifest(),
        files: [
          { source: "common/__agentModule__.py.template", variant: "common", outPath: "__agentModule__.py", isTemplate: true, content: "N = {{ text.name | py_str }}\nT = {{ model.temperature }}\n" },
          { source: "common/_gitignore", variant: "common", outPath: "_gitignore", isTemplate: false, content: "x\n" },
        ],
      },
    ]);
    const files = generateProject(baseSpec(), fixtureRegistry, set).files;
    assert.equal(files.get("support_agent.py"), 'N = "support-agent"\nT = 0.3\n');
    assert.equal(files.get(".gitignore"), "x\n");
  });

  test("a bad manifest on disk fails naming the layer", () => {
    const root = mkdtempSync(join(tmpdir(), "tpl-"));
    mkdirSync(join(root, "broken"));
    writeFileSync(join(root, "broken", "manifest.json"), JSON.stringify({ id: "broken", version: "one", description: "x", order: 0, appliesTo: {} }));
    assert.throws(() => loadTemplateSet(root), /broken\/manifest\.json is invalid/);
  });

  test("an unknown template directory is not_found", () => {
    assert.throws(() => loadTemplateSet(join(tmpdir(), "no-such-templates")), (e: unknown) => e instanceof DomainError && e.code === "not_found");
  });
});

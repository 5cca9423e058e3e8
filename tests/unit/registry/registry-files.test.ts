import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { loadRegistry } from "../../../server/composition/services";
import { getModelOrThrow, getToolOrThrow, loadRegistryFrom } from "../../../server/registry/load";
import { ModelEntry, ToolCategory, ToolEntry } from "../../../server/registry/schema";
import { parseRange } from "../../../server/registry/version-range";

const dir = join(process.cwd(), "registry");
const registry = loadRegistryFrom(dir);

describe("registry/models.json", () => {
  test("every entry validates against ModelEntry on its own", () => {
    const raw = JSON.parse(readFileSync(join(dir, "models.json"), "utf8")) as { models: unknown[] };
    raw.models.forEach((entry, i) => {
      const result = ModelEntry.safeParse(entry);
      assert.ok(result.success, `models[${i}]: ${result.success ? "" : result.error.message}`);
    });
  });

  test("ids are unique", () => {
    const ids = registry.models.map((m) => m.id);
    assert.equal(new Set(ids).size, ids.length);
  });

  test("has at least 60 models: 40 Bedrock, 12 Ollama and the OpenAI, Anthropic and Google peers", () => {
    const by = (p: string) => registry.models.filter((m) => m.provider === p).length;
    assert.ok(registry.models.length >= 60, `${registry.models.length} models`);
    assert.ok(by("bedrock") >= 40, `${by("bedrock")} Bedrock models`);
    assert.ok(by("ollama") >= 12, `${by("ollama")} Ollama models`);
    for (const p of ["openai", "anthropic", "google"]) assert.ok(by(p) >= 1, `no ${p} peer`);
  });

  test("cross-region inference profiles are their own entries pointing at their base model", () => {
    const profile = getModelOrThrow("us.anthropic.claude-sonnet-4-6", registry);
    assert.equal(profile.inferenceProfile, "us");
    assert.equal(profile.baseModelId, "anthropic.claude-sonnet-4-6");
    assert.notEqual(profile.pricing.inputPer1M, getModelOrThrow("anthropic.claude-sonnet-4-6", registry).pricing.inputPer1M);
    const global = registry.models.filter((m) => m.inferenceProfile === "global");
    assert.ok(global.length >= 5, "global profiles are listed");
  });

  test("recommended models are current Bedrock chat models with tool use", () => {
    const recommended = registry.models.filter((m) => m.recommended);
    assert.ok(recommended.length >= 3);
    for (const m of recommended) {
      assert.equal(m.provider, "bedrock", m.id);
      assert.equal(m.status, "active", m.id);
      assert.equal(m.capabilities.toolUse, true, m.id);
      assert.notEqual(m.pricing.inputPer1M, null, m.id);
    }
  });

  test("an unpublished price is unknown (null), never 0, outside local models", () => {
    for (const m of registry.models.filter((x) => x.provider !== "ollama")) {
      assert.notEqual(m.pricing.inputPer1M, 0, `${m.id} input price 0`);
      assert.notEqual(m.pricing.outputPer1M, 0, `${m.id} output price 0`);
    }
    assert.equal(getModelOrThrow("anthropic.claude-mythos-preview", registry).pricing.inputPer1M, null);
  });
});

describe("registry/tools.json", () => {
  test("every entry validates against ToolEntry on its own", () => {
    const raw = JSON.parse(readFileSync(join(dir, "tools.json"), "utf8")) as { tools: unknown[] };
    raw.tools.forEach((entry, i) => {
      const result = ToolEntry.safeParse(entry);
      assert.ok(result.success, `tools[${i}]: ${result.success ? "" : result.error.message}`);
    });
  });

  test("has at least 50 tools with unique ids covering every category", () => {
    assert.ok(registry.tools.length >= 50, `${registry.tools.length} tools`);
    assert.equal(new Set(registry.tools.map((t) => t.id)).size, registry.tools.length);
    for (const category of ToolCategory.options) {
      assert.ok(registry.tools.some((t) => t.category === category), `no tool in category ${category}`);
    }
  });

  test("deprecated strands_tools entries point at an existing, active replacement", () => {
    const deprecated = registry.tools.filter((t) => t.status === "deprecated");
    assert.ok(deprecated.length >= 14);
    for (const t of deprecated.filter((x) => x.replacedBy !== null)) {
      const replacement = registry.toolById.get(t.replacedBy!);
      assert.ok(replacement, `${t.id} → ${t.replacedBy}`);
      assert.equal(replacement.status, "active", `${t.id} is replaced by a deprecated tool`);
    }
    assert.equal(registry.toolById.get("shell")?.replacedBy, "shell_vended");
    assert.equal(registry.toolById.get("editor")?.replacedBy, "file_editor");
    assert.equal(registry.toolById.get("retrieve")?.replacedBy, "bedrock_knowledge_base");
  });

  test("conflicts and alternatives reference existing tools; conflicts are declared on both sides", () => {
    for (const t of registry.tools) {
      for (const a of t.alternatives) assert.ok(registry.toolById.has(a), `${t.id} alternative ${a}`);
      for (const c of t.conflicts) {
        assert.ok(registry.toolById.get(c.toolId)?.conflicts.some((back) => back.toolId === t.id), `${t.id} ↔ ${c.toolId}`);
      }
    }
  });

  test("every package requirement is a range the resolver can read", () => {
    for (const t of registry.tools) {
      for (const p of t.python?.packages ?? []) assert.doesNotThrow(() => parseRange(p.version, "pip"), `${t.id}: ${p.name}${p.version}`);
      for (const p of t.typescript?.packages ?? []) assert.doesNotThrow(() => parseRange(p.version, "npm"), `${t.id}: ${p.name}@${p.version}`);
    }
  });

  test("tools that need a shell, a browser or a display are not offered on Lambda, with the reason", () => {
    for (const id of ["shell", "shell_vended", "python_repl", "browser_local", "mcp_playwright", "use_computer", "cron"]) {
      const lambda = registry.toolById.get(id)?.platforms.lambda;
      assert.equal(lambda?.supported, false, id);
      assert.ok((lambda?.reason ?? "").length > 10, `${id} has no reason`);
    }
  });

  test("secrets are environment variables, never config defaults", () => {
    for (const t of registry.tools) {
      for (const p of t.config.filter((c) => c.secret)) assert.equal(p.default, null, `${t.id}.${p.name}`);
    }
  });
});

describe("the registry a process loads", () => {
  test("is registry/ under the working directory, indexed by id", () => {
    const loaded = loadRegistry();
    assert.equal(loaded.models.length, registry.models.length);
    assert.equal(loaded.tools.length, registry.tools.length);
    assert.equal(loaded.modelById.get("amazon.nova-pro-v1:0")?.vendor, "Amazon");
    assert.equal(loaded.toolById.get("file_read")?.category, "file-system");
    assert.equal(loaded.modelById.get("nope"), undefined);
  });

  test("unknown ids are not_found errors naming the id", () => {
    assert.throws(() => getModelOrThrow("no-such-model", registry), (e: { code?: string; message?: string }) => e.code === "not_found" && /no-such-model/.test(e.message ?? ""));
    assert.throws(() => getToolOrThrow("no_such_tool", registry), (e: { code?: string; message?: string }) => e.code === "not_found" && /no_such_tool/.test(e.message ?? ""));
  });
});

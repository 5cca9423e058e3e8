import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { RegistryFileError } from "../../../server/registry/errors";
import { loadRegistryFrom } from "../../../server/registry/load";
import { parseModelRegistry, parseToolRegistry } from "../../../server/registry/parse";
import { model, tool } from "./fixtures";

const modelsText = (models: unknown[]) => JSON.stringify({ version: "t", models });
const toolsText = (tools: unknown[]) => JSON.stringify({ version: "t", tools });

function failsWith(fn: () => unknown, ...patterns: RegExp[]) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof RegistryFileError, `expected RegistryFileError, got ${String(e)}`);
    for (const p of patterns) assert.match(e.message, p);
    return true;
  });
}

describe("a registry file that fails validation names the file, entry and field", () => {
  test("a wrong type in a nested field", () => {
    const bad = { ...model({ id: "good" }), id: "bad-price", pricing: { ...model({ id: "x" }).pricing, inputPer1M: "3" } };
    failsWith(() => parseModelRegistry(modelsText([model({ id: "good" }), bad]), "registry/models.json"),
      /^registry\/models\.json: /, /entry 1 \(id "bad-price"\)/, /field "pricing\.inputPer1M"/);
  });

  test("a negative price and a missing field", () => {
    const negative = { ...model({ id: "neg" }), pricing: { ...model({ id: "x" }).pricing, outputPer1M: -1 } };
    const { asOf: _asOf, ...noDate } = model({ id: "no-date" });
    let error: RegistryFileError | undefined;
    try {
      parseModelRegistry(modelsText([negative, noDate]), "models.json");
    } catch (e) {
      error = e as RegistryFileError;
    }
    assert.ok(error instanceof RegistryFileError);
    assert.deepEqual(error.issues.map((i) => [i.index, i.id, i.field]), [[0, "neg", "pricing.outputPer1M"], [1, "no-date", "asOf"]]);
  });

  test("invalid JSON", () => {
    failsWith(() => parseModelRegistry("{ not json", "registry/models.json"), /registry\/models\.json/, /invalid JSON/);
  });

  test("a duplicate id", () => {
    failsWith(() => parseModelRegistry(modelsText([model({ id: "a" }), model({ id: "a" })]), "models.json"), /entry 1 \(id "a"\)/, /field "id"/, /duplicate/);
  });

  test("an inference profile without its base model", () => {
    failsWith(() => parseModelRegistry(modelsText([model({ id: "us.x", inferenceProfile: "us" })]), "models.json"), /id "us\.x"/, /field "baseModelId"/);
  });

  test("a deprecated tool whose replacement does not exist", () => {
    const text = toolsText([tool({ id: "old", status: "deprecated", replacedBy: "missing_tool" })]);
    failsWith(() => parseToolRegistry(text, "registry/tools.json"), /registry\/tools\.json/, /entry 0 \(id "old"\)/, /field "replacedBy"/, /missing_tool/);
  });

  test("a dangling alternative and a one-sided conflict", () => {
    const text = toolsText([
      tool({ id: "a", alternatives: ["ghost"] }),
      tool({ id: "b", conflicts: [{ toolId: "a", reason: "same name" }] }),
    ]);
    let error: RegistryFileError | undefined;
    try {
      parseToolRegistry(text, "tools.json");
    } catch (e) {
      error = e as RegistryFileError;
    }
    assert.deepEqual(error?.issues.map((i) => [i.id, i.field]), [["a", "alternatives.0"], ["b", "conflicts.0.toolId"]]);
  });

  test("a tool with no snippet at all, or an invalid id", () => {
    failsWith(() => parseToolRegistry(toolsText([tool({ id: "empty", python: null })]), "tools.json"), /id "empty"/, /Python or a TypeScript snippet/);
    failsWith(() => parseToolRegistry(toolsText([{ ...tool({ id: "ok" }), id: "Bad Id" }]), "tools.json"), /entry 0 \(id "Bad Id"\)/, /field "id"/);
  });

  test("loading a directory stops at the first bad file, naming it", () => {
    const dir = mkdtempSync(join(tmpdir(), "registry-"));
    writeFileSync(join(dir, "models.json"), readFileSync(join(process.cwd(), "registry", "models.json")));
    writeFileSync(join(dir, "tools.json"), toolsText([{ ...tool({ id: "x" }), category: "nope" }]));
    failsWith(() => loadRegistryFrom(dir), /tools\.json/, /field "category"/);
  });
});

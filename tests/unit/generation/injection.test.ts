import assert from "node:assert/strict";
import { describe, test } from "node:test";
import ts from "typescript";
import { DomainError } from "../../../server/errors";
import { generateProject } from "../../../server/generation/generate-project";
import { runPython } from "../../../server/generation/verify/python-syntax";
import { checkTypeScript } from "../../../server/generation/verify/typescript-types";
import type { GeneratedProject } from "../../../server/generation/types";
import { AgentName, validateSpec } from "../../../server/spec/agent-spec";
import { adversarialCount, injectionCorpus, LONE_SURROGATES } from "./injection-corpus";
import { baseSpec, fixtureRegistry } from "./fixtures";

/**
 * Every corpus string goes into every user-controlled field (description, system prompt,
 * a tool setting; the name must pass its allow-list). Then: the Python parses and reads
 * back byte-identical with no added statement or import; the TypeScript type-checks and
 * reads back identical; JSON files read back identical; and every other file is exactly
 * the baseline's, so user text can only have landed where a serializer put it.
 */

type Case = { value: string; description: string; systemPrompt: string; toolValue: string };

const corpus = injectionCorpus();
const cases: Case[] = corpus.map((value) => ({
  value,
  description: value.length <= 2_000 ? value : "d",
  systemPrompt: value,
  toolValue: value.length <= 10_000 ? value : "t",
}));

const specFor = (c: Pick<Case, "description" | "systemPrompt" | "toolValue">, language: "python" | "typescript") =>
  baseSpec({
    language,
    description: c.description,
    systemPrompt: c.systemPrompt,
    tools: language === "python" ? [{ id: "knowledge_base", config: { knowledge_base_id: c.toolValue } }] : [{ id: "http_request" }],
  });

// Files that carry user text on purpose; every other file must equal the baseline's.
const USER_FILES = new Set(["agent-spec.json", "agent_config.json", "README.md", "app/prompts.py", "src/prompts.ts", "package.json"]);

function assertOnlyUserFilesDiffer(p: GeneratedProject, baseline: GeneratedProject, label: string) {
  assert.deepEqual([...p.files.keys()], [...baseline.files.keys()], label);
  for (const [path, content] of p.files) {
    if (!USER_FILES.has(path)) assert.equal(content, baseline.files.get(path), `${label}: ${path} changed`);
  }
  const lines = (f: GeneratedProject) => String(f.files.get("README.md")).split("\n").length;
  assert.equal(lines(p), lines(baseline), `${label}: README.md gained lines`);
}

function assertJsonReadsBack(p: GeneratedProject, c: Case, language: string, label: string) {
  const spec = JSON.parse(String(p.files.get("agent-spec.json"))) as { description: string; systemPrompt: string; tools: Array<{ config: Record<string, string> }> };
  assert.equal(spec.description, c.description, label);
  assert.equal(spec.systemPrompt, c.systemPrompt, label);
  if (language === "python") {
    assert.equal(spec.tools[0]!.config.knowledge_base_id, c.toolValue, label);
    const config = JSON.parse(String(p.files.get("agent_config.json"))) as { tools: Record<string, { config: Record<string, string> }> };
    assert.equal(config.tools.knowledge_base!.config.knowledge_base_id, c.toolValue, label);
  } else {
    assert.equal((JSON.parse(String(p.files.get("package.json"))) as { description: string }).description, c.description, label);
  }
}

// Parses each prompts.py and compares the three literals with the expected values; also
// counts top-level statements and looks for any import or call anywhere in the module.
const PY_READBACK = `
import ast, json, sys
cases = json.loads(sys.stdin.buffer.read().decode("utf-8"))
bad = []
for i, c in enumerate(cases):
    try:
        tree = ast.parse(c["source"])
    except SyntaxError as e:
        bad.append([i, "syntax: " + str(e)]); continue
    body = tree.body
    kinds = [type(n).__name__ for n in body]
    if kinds != ["Expr", "Assign", "Assign", "Assign"]:
        bad.append([i, "statements: " + ",".join(kinds)]); continue
    if any(isinstance(n, (ast.Import, ast.ImportFrom, ast.Call, ast.JoinedStr)) for n in ast.walk(tree)):
        bad.append([i, "import, call or f-string present"]); continue
    got = {n.targets[0].id: ast.literal_eval(n.value) for n in body[1:]}
    if got != c["expected"]:
        bad.append([i, "literal mismatch"])
print(json.dumps({"checked": len(cases), "bad": bad}))
`;

function tsLiterals(source: string): { statements: number; imports: number; values: Record<string, string | undefined> } {
  const file = ts.createSourceFile("prompts.ts", source, ts.ScriptTarget.ES2022, true);
  const values: Record<string, string | undefined> = {};
  let imports = 0;
  for (const st of file.statements) {
    if (ts.isImportDeclaration(st)) imports++;
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      values[d.name.getText(file)] = d.initializer && ts.isStringLiteral(d.initializer) ? d.initializer.text : undefined;
    }
  }
  return { statements: file.statements.length, imports, values };
}

describe("injection corpus", () => {
  test("has at least 500 adversarial strings plus random ones", () => {
    assert.ok(adversarialCount() >= 500, String(adversarialCount()));
    assert.ok(corpus.length >= 750, String(corpus.length));
    assert.ok(corpus.some((s) => s.length === 100_000));
  });

  test("the name field accepts only allow-listed identifiers", () => {
    for (const value of corpus) {
      const ok = validateSpec(baseSpec({ name: value })).ok;
      assert.equal(ok, /^[a-z][a-z0-9-]{1,46}[a-z0-9]$/.test(value), JSON.stringify(value).slice(0, 60));
      assert.equal(ok, AgentName.safeParse(value).success);
    }
    const accepted = corpus.filter((v) => validateSpec(baseSpec({ name: v })).ok);
    assert.ok(accepted.every((v) => /^[a-z0-9-]+$/.test(v)), accepted.join(","));
  });

  test("lone surrogates are rejected as invalid in every field, naming it", () => {
    for (const s of LONE_SURROGATES) {
      for (const [field, spec] of [
        ["description", baseSpec({ description: s })],
        ["systemPrompt", baseSpec({ systemPrompt: s })],
        ["tools.0.config.knowledge_base_id", baseSpec({ tools: [{ id: "knowledge_base", config: { knowledge_base_id: s } }] })],
      ] as const) {
        assert.throws(
          () => generateProject(spec, fixtureRegistry),
          (e: unknown) => e instanceof DomainError && e.code === "invalid" && e.message.includes(field),
          `${field} ${JSON.stringify(s)}`,
        );
      }
    }
  });

  test("Python: every literal parses and reads back byte-identical, with no statement or import added", async () => {
    const baseline = generateProject(specFor({ description: "d", systemPrompt: "p", toolValue: "t" }, "python"), fixtureRegistry);
    const sources = cases.map((c, i) => {
      const p = generateProject(specFor(c, "python"), fixtureRegistry);
      assertOnlyUserFilesDiffer(p, baseline, `python case ${i}`);
      assertJsonReadsBack(p, c, "python", `python case ${i}`);
      const source = String(p.files.get("app/prompts.py"));
      assert.match(source, /^[\x0a\x20-\x7e]*$/, `python case ${i}: non-ASCII in source`);
      return { source, expected: { AGENT_NAME: "support-agent", DESCRIPTION: c.description, SYSTEM_PROMPT: c.systemPrompt } };
    });
    const result = JSON.parse(await runPython(PY_READBACK, JSON.stringify(sources))) as { checked: number; bad: Array<[number, string]> };
    assert.equal(result.checked, cases.length);
    assert.deepEqual(result.bad.map(([i, why]) => [JSON.stringify(cases[i]!.value).slice(0, 80), why]), []);
  });

  test("TypeScript: every literal type-checks against the SDK project and reads back identical", () => {
    const baseline = generateProject(specFor({ description: "d", systemPrompt: "p", toolValue: "t" }, "typescript"), fixtureRegistry);
    const files = new Map([...baseline.files].map(([p, c]) => [p, String(c)]));
    cases.forEach((c, i) => {
      const p = generateProject(specFor(c, "typescript"), fixtureRegistry);
      assertOnlyUserFilesDiffer(p, baseline, `typescript case ${i}`);
      assertJsonReadsBack(p, c, "typescript", `typescript case ${i}`);
      const source = String(p.files.get("src/prompts.ts"));
      const read = tsLiterals(source);
      assert.equal(read.statements, 3, `typescript case ${i}`);
      assert.equal(read.imports, 0, `typescript case ${i}`);
      assert.equal(read.values.DESCRIPTION, c.description, `typescript case ${i}`);
      assert.equal(read.values.SYSTEM_PROMPT, c.systemPrompt, `typescript case ${i}`);
      files.set(`src/injection/case-${i}.ts`, source);
    });
    // One compiler program for the baseline project and every case: fast, and against the real SDK types.
    const findings = checkTypeScript(files).filter((f) => f.severity === "error");
    assert.deepEqual(findings.slice(0, 5), []);
  });
});

import { readFileSync } from "node:fs";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, test } from "node:test";
import ts from "typescript";
import { loadRegistryFrom } from "../../../server/registry/load";

/**
 * The generator copies tool snippets verbatim, so each one must be valid code against the
 * real SDKs: TypeScript snippets are type-checked against the installed
 * @strands-agents/sdk (tools passed to `new Agent({ tools })`), Python snippets are parsed
 * (Python Strands cannot be installed here; parsing, never executing).
 */
const registry = loadRegistryFrom(join(process.cwd(), "registry"));

function tsModule(id: string): string {
  const s = registry.toolById.get(id)!.typescript!;
  return [
    'import { Agent } from "@strands-agents/sdk";',
    ...s.imports,
    "declare const cfg: Record<string, string | number | boolean>;",
    ...s.init,
    `export const agent = new Agent({ tools: [${s.toolExpr}] });`,
    "",
  ].join("\n");
}

describe("tool snippets", () => {
  test("every TypeScript snippet type-checks against @strands-agents/sdk", () => {
    const withTs = registry.tools.filter((t) => t.typescript !== null);
    assert.ok(withTs.length >= 20, `${withTs.length} TypeScript snippets`);
    // Virtual files live under the repo so imports resolve from its node_modules.
    const files = new Map(withTs.map((t) => [join(process.cwd(), "tests", "unit", "registry", `__snippet_${t.id}.ts`), tsModule(t.id)]));
    // Snippets that read the request's caller import the generated project's own caller module.
    files.set(join(process.cwd(), "tests", "unit", "registry", "caller.ts"), readFileSync(join(process.cwd(), "templates", "typescript", "common", "src", "caller.ts"), "utf8"));
    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
      strict: true, noEmit: true, skipLibCheck: true, types: ["node"], lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
    };
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, lang, ...rest) => {
      const text = files.get(name);
      return text !== undefined ? ts.createSourceFile(name, text, lang) : getSourceFile(name, lang, ...rest);
    };
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (name) => files.has(name) || fileExists(name);
    const program = ts.createProgram([...files.keys()], options, host);
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file && files.has(d.file.fileName) && d.file.fileName.includes("__snippet_"))
      .map((d) => `${d.file!.fileName.replace(/.*__snippet_/, "")}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
    assert.deepEqual(problems, []);
  });

  test("every Python snippet parses as Python", { skip: spawnSync("python3", ["--version"]).status !== 0 && "python3 not available" }, () => {
    const modules = registry.tools
      .filter((t) => t.python !== null)
      .map((t) => ({ id: t.id, code: [...t.python!.imports, "cfg = {}", ...t.python!.init, `tools = [${t.python!.toolExpr}]`, ""].join("\n") }));
    assert.ok(modules.length >= 50);
    const script = [
      "import ast, json, sys",
      "bad = []",
      "for m in json.load(sys.stdin):",
      "    try: ast.parse(m['code'])",
      "    except SyntaxError as e: bad.append(m['id'] + ': ' + str(e))",
      "print(json.dumps(bad))",
    ].join("\n");
    const run = spawnSync("python3", ["-c", script], { input: JSON.stringify(modules), encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), []);
  });

  test("snippets never interpolate user config: values are read from cfg at run time", () => {
    for (const t of registry.tools) {
      for (const line of [...(t.python?.init ?? []), ...(t.typescript?.init ?? [])]) {
        assert.doesNotMatch(line, /\$\{|\{\{|%s|\.format\(|(?<!\w)f"/, `${t.id}: template syntax in "${line}"`);
      }
      for (const p of t.config) {
        const used = [...(t.python?.init ?? []), ...(t.typescript?.init ?? [])].some((l) => l.includes(`"${p.name}"`) || l.includes(`cfg.${p.name}`));
        assert.ok(used, `${t.id}: config "${p.name}" is never read from cfg`);
      }
    }
  });
});

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import ts from "typescript";
import { generateProject } from "../../../server/generation/generate-project";
import { runPython } from "../../../server/generation/verify/python-syntax";
import { verifyProject } from "../../../server/generation/verify/verify-project";
import { apiToolFromDocument, previewApiDocument } from "../../../server/openapi/import";
import { clipText } from "../../../server/openapi/clip";
import { inputSchemaOf } from "../../../server/openapi/schema";
import { ApiIdentifier, type ApiOperation, type ApiTool } from "../../../server/spec/api-tools";
import { injectionCorpus } from "../generation/injection-corpus";
import { baseSpec, fixtureRegistry } from "../generation/fixtures";
import { manyOperationsDoc } from "./hostile-doc";

/**
 * The injection corpus in every text field of apiTools (operation descriptions, parameter
 * names and descriptions, enum values) and through an OpenAPI document (operationId,
 * summary, parameter names): the generated Python parses and every literal reads back
 * identical with no statement added; the TypeScript type-checks and reads back identical.
 * Names that become identifiers accept only the allow-list.
 */

const corpus = injectionCorpus();
const clip = (s: string, n: number) => clipText(s, n) || "x";

function operationFor(s: string, i: number): ApiOperation {
  return {
    name: `op_${i}`,
    method: "GET",
    path: "/items",
    description: clip(s, 1_000),
    params: [{ name: clip(s, 100), in: "query", required: false, description: clip(s, 1_000), schema: { type: "string", enum: [clip(s, 200)] } }],
  };
}

/** Specs of up to 10 APIs x 50 operations, covering the whole corpus. */
function apiBatches(): ApiTool[][] {
  const ops = corpus.map(operationFor);
  const apis: ApiTool[] = [];
  for (let i = 0; i < ops.length; i += 50) {
    apis.push({ name: `api_${apis.length}`, title: "", baseUrl: "https://api.example.com", allowedHosts: ["api.example.com"], auth: { kind: "none" }, timeoutSeconds: 20, exposure: "agent", operations: ops.slice(i, i + 50) });
  }
  const batches: ApiTool[][] = [];
  for (let i = 0; i < apis.length; i += 10) batches.push(apis.slice(i, i + 10).map((a, j) => ({ ...a, name: `api_${j}` })));
  return batches;
}

// Reads every api_tool(API_n, {...}) call back with literal_eval; any other call, import or f-string is reported.
const PY_READBACK = `
import ast, json, sys
case = json.loads(sys.stdin.buffer.read().decode("utf-8"))
tree = ast.parse(case["source"])
kinds = [type(n).__name__ for n in tree.body]
calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
bad = []
if any(isinstance(n, ast.JoinedStr) for n in ast.walk(tree)): bad.append("f-string")
if [k for k in kinds if k not in ("Expr", "ImportFrom", "AnnAssign", "FunctionDef")]: bad.append("statements: " + ",".join(kinds))
if sum(1 for k in kinds if k == "ImportFrom") != 3: bad.append("imports")
ops = [ast.literal_eval(c.args[1]) for c in calls if getattr(c.func, "id", None) == "api_tool"]
if len(ops) != len(calls): bad.append("other calls")
print(json.dumps({"ops": ops, "bad": bad}))
`;

/** A literal-only TS expression as its JSON value (throws on anything else). */
function tsValue(node: ts.Expression): unknown {
  if (ts.isStringLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (node.kind === ts.SyntaxKind.NullKeyword) return null;
  if (ts.isArrayLiteralExpression(node)) return node.elements.map((e) => tsValue(e));
  if (ts.isObjectLiteralExpression(node)) {
    return Object.fromEntries(node.properties.map((p) => {
      if (!ts.isPropertyAssignment(p) || !ts.isStringLiteral(p.name)) throw new Error(`not a literal property: ${p.getText()}`);
      return [p.name.text, tsValue(p.initializer)];
    }));
  }
  throw new Error(`not a literal: ${ts.SyntaxKind[node.kind]}`);
}

function readTsTools(source: string): Array<{ name: unknown; description: unknown; inputSchema: unknown }> {
  const file = ts.createSourceFile("api-tools.ts", source, ts.ScriptTarget.ES2022, true);
  const imports = file.statements.filter(ts.isImportDeclaration).length;
  assert.equal(imports, 2, "imports");
  const out: Array<{ name: unknown; description: unknown; inputSchema: unknown }> = [];
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n) && n.expression.getText(file) === "tool") {
      const arg = n.arguments[0] as ts.ObjectLiteralExpression;
      const prop = (k: string) => (arg.properties.find((p) => p.name?.getText(file) === k) as ts.PropertyAssignment).initializer;
      const schema = prop("inputSchema") as ts.CallExpression;
      assert.equal(schema.expression.getText(file), "inputSchema");
      out.push({ name: tsValue(prop("name")), description: tsValue(prop("description")), inputSchema: tsValue(schema.arguments[0]!) });
    }
    ts.forEachChild(n, visit);
  };
  visit(file);
  return out;
}

const errorsOf = (r: Awaited<ReturnType<typeof verifyProject>>) => r.checks.filter((c) => c.severity === "error").slice(0, 5);

describe("injection corpus through apiTools", () => {
  test("API and tool names accept only allow-listed identifiers", () => {
    for (const value of corpus) assert.equal(ApiIdentifier.safeParse(value).success, /^[a-z][a-z0-9_]{0,47}$/.test(value), JSON.stringify(value).slice(0, 60));
  });

  test("Python: every operation literal reads back identical, nothing else is added, the project verifies", async () => {
    for (const apis of apiBatches()) {
      const p = generateProject(baseSpec({ language: "python", apiTools: apis }), fixtureRegistry);
      const source = String(p.files.get("app/api_tools.py"));
      assert.match(source, /^[\x0a\x20-\x7e]*$/, "non-ASCII in source");
      const read = JSON.parse(await runPython(PY_READBACK, JSON.stringify({ source }))) as { ops: Array<Record<string, unknown>>; bad: string[] };
      assert.deepEqual(read.bad, []);
      const expected = apis.flatMap((a) => a.operations);
      assert.equal(read.ops.length, expected.length);
      read.ops.forEach((op, i) => {
        assert.equal(op.description, expected[i]!.description);
        assert.deepEqual(op.inputSchema, inputSchemaOf(expected[i]!));
        assert.deepEqual(op.params, expected[i]!.params.map((x) => ({ name: x.name, in: x.in })));
      });
      assert.deepEqual(errorsOf(await verifyProject(p.files, { python: "required", requiredIam: p.requiredIam })), []);
    }
  });

  test("TypeScript: every tool literal reads back identical and the project type-checks", async () => {
    for (const apis of apiBatches()) {
      const p = generateProject(baseSpec({ language: "typescript", apiTools: apis }), fixtureRegistry);
      const source = String(p.files.get("src/api-tools.ts"));
      assert.match(source, /^[\x0a\x20-\x7e]*$/, "non-ASCII in source");
      const tools = readTsTools(source);
      const expected = apis.flatMap((a) => a.operations);
      assert.deepEqual(tools, expected.map((op) => ({ name: op.name, description: op.description, inputSchema: inputSchemaOf(op) })));
      assert.deepEqual(errorsOf(await verifyProject(p.files, { python: "optional", requiredIam: p.requiredIam })), []);
    }
  });

  test("an OpenAPI document made of corpus text imports and generates code that verifies", async () => {
    const texts = corpus.filter((s) => s.length <= 2_000).slice(0, 300);
    const doc = manyOperationsDoc(texts.length, texts);
    const preview = await previewApiDocument(doc);
    assert.ok(preview.operations.length >= 250, String(preview.operations.length));
    const select = preview.operations.slice(0, 50).map((o) => o.key);
    const api = await apiToolFromDocument(doc, { name: "hostile", select });
    for (const language of ["python", "typescript"] as const) {
      const p = generateProject(baseSpec({ language, apiTools: [api] }), fixtureRegistry);
      assert.deepEqual(errorsOf(await verifyProject(p.files, { python: "required", requiredIam: p.requiredIam })), [], language);
    }
  });
});

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { describe, test } from "node:test";
import { generateProject } from "../../../server/generation/generate-project";
import { baseSpec, fixtureRegistry } from "./fixtures";

/**
 * The Python AgentCore project runs on the bedrock-agentcore runtime app. PyPI is unreachable
 * here, so this is structural only (parsed with Python's ast, never imported or run): the
 * entrypoint is an async generator registered with @app.entrypoint, taking the request context,
 * and the package is pinned. ECS keeps its FastAPI server. Running it is "skipped" (rehearsal).
 */

const files = (target: "agentcore" | "ecs-fargate") => generateProject(baseSpec({ name: `py-${target}`, language: "python", deployment: { target } }), fixtureRegistry).files;

// Prints the shape of main.py as JSON: imports, decorated async generators and their arguments.
const SHAPE = `
import ast, json, sys
tree = ast.parse(sys.stdin.read())
imports = sorted({f"{n.module}.{a.name}" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names})
fns = [
  {"name": f.name, "decorators": [ast.unparse(d) for d in f.decorator_list], "args": [a.arg for a in f.args.args],
   "yields": any(isinstance(x, (ast.Yield, ast.YieldFrom)) for x in ast.walk(f))}
  for f in tree.body if isinstance(f, ast.AsyncFunctionDef)
]
print(json.dumps({"imports": imports, "async": fns}))
`;

const shapeOf = (source: string) =>
  JSON.parse(execFileSync("python3", ["-c", SHAPE], { input: source, encoding: "utf8" })) as { imports: string[]; async: Array<{ name: string; decorators: string[]; args: string[]; yields: boolean }> };

describe("Python on AgentCore: BedrockAgentCoreApp (structural; not run here)", () => {
  test("main.py registers a streaming async-generator entrypoint that takes the request context", () => {
    const f = files("agentcore");
    const shape = shapeOf(String(f.get("main.py")));
    assert.ok(shape.imports.includes("bedrock_agentcore.runtime.BedrockAgentCoreApp"), shape.imports.join(", "));
    assert.ok(!shape.imports.some((i) => i.startsWith("fastapi")), "no FastAPI server on AgentCore");
    const entry = shape.async.find((fn) => fn.decorators.includes("app.entrypoint"));
    assert.deepEqual(entry && { args: entry.args, yields: entry.yields }, { args: ["payload", "context"], yields: true });
    assert.match(String(f.get("requirements.txt")), /^bedrock-agentcore==1\.25\.0$/m);
    assert.match(String(f.get("Dockerfile")), /CMD \[("opentelemetry-instrument", )?"uvicorn", "main:app"/);
  });

  test("ECS keeps the FastAPI server (the runtime app is AgentCore's contract)", () => {
    const f = files("ecs-fargate");
    assert.ok(shapeOf(String(f.get("main.py"))).imports.includes("fastapi.FastAPI"));
    assert.doesNotMatch(String(f.get("requirements.txt")), /bedrock-agentcore/);
  });
});

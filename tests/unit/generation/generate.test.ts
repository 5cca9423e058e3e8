import assert from "node:assert/strict";
import { describe, test } from "node:test";
import JSZip from "jszip";
import { parse as parseYaml } from "yaml";
import { DomainError } from "../../../server/errors";
import { clearGenerationCache, generateProject } from "../../../server/generation/generate-project";
import { zipProject } from "../../../server/generation/zip";
import { baseSpec, fiveToolSpec, fixtureRegistry } from "./fixtures";

const text = (files: Map<string, string | Uint8Array>, path: string) => {
  const content = files.get(path);
  assert.equal(typeof content, "string", `${path} is missing`);
  return content as string;
};

const domainError = (code: string, pattern?: RegExp) => (e: unknown) => {
  assert.ok(e instanceof DomainError, String(e));
  assert.equal(e.code, code);
  if (pattern) assert.match(e.message, pattern);
  return true;
};

describe("determinism", () => {
  test("the same spec gives the same bytes and hash, cold or cached", () => {
    const a = generateProject(fiveToolSpec(), fixtureRegistry);
    clearGenerationCache();
    const b = generateProject(fiveToolSpec(), fixtureRegistry);
    const c = generateProject(fiveToolSpec(), fixtureRegistry);
    assert.match(a.contentHash, /^[0-9a-f]{64}$/);
    assert.equal(a.contentHash, b.contentHash);
    assert.equal(b.contentHash, c.contentHash);
    assert.deepEqual([...a.files], [...b.files]);
  });

  test("files come sorted by path, and a cached result cannot be changed by the caller", () => {
    const a = generateProject(baseSpec(), fixtureRegistry);
    const paths = [...a.files.keys()];
    assert.deepEqual(paths, [...paths].sort());
    a.files.set("evil.txt", "x");
    assert.equal(generateProject(baseSpec(), fixtureRegistry).files.has("evil.txt"), false);
  });

  test("the project regenerates byte for byte from its own agent-spec.json", () => {
    for (const spec of [fiveToolSpec(), baseSpec({ language: "typescript", deployment: { target: "lambda" } })]) {
      const first = generateProject(spec, fixtureRegistry);
      const saved: unknown = JSON.parse(text(first.files, "agent-spec.json"));
      clearGenerationCache();
      const again = generateProject(saved, fixtureRegistry);
      assert.equal(again.contentHash, first.contentHash);
    }
  });

  test("tool config key order does not change the output", () => {
    const a = generateProject(baseSpec({ tools: [{ id: "knowledge_base", config: { knowledge_base_id: "KB1", max_results: 3 } }] }), fixtureRegistry);
    const b = generateProject(baseSpec({ tools: [{ id: "knowledge_base", config: { max_results: 3, knowledge_base_id: "KB1" } }] }), fixtureRegistry);
    assert.equal(a.contentHash, b.contentHash);
  });

  test("a change in the spec changes the hash", () => {
    const a = generateProject(baseSpec(), fixtureRegistry);
    const b = generateProject(baseSpec({ systemPrompt: "Something else." }), fixtureRegistry);
    assert.notEqual(a.contentHash, b.contentHash);
  });
});

describe("bad input", () => {
  test("an incomplete spec lists every missing field", () => {
    assert.throws(
      () => generateProject({ name: "x-agent", model: {} }, fixtureRegistry),
      (e: unknown) => {
        assert.ok(e instanceof DomainError && e.code === "invalid");
        const issues = e.details?.issues as Array<{ path: string; kind: string }>;
        const missing = issues.filter((i) => i.kind === "missing").map((i) => i.path).sort();
        assert.deepEqual(missing, ["deployment", "description", "model.id", "systemPrompt"]);
        return true;
      },
    );
  });

  test("unknown models and tools are not_found", () => {
    assert.throws(() => generateProject(baseSpec({ model: { id: "no-such-model" } }), fixtureRegistry), domainError("not_found", /no-such-model/));
    assert.throws(() => generateProject(baseSpec({ tools: [{ id: "no_such_tool" }] }), fixtureRegistry), domainError("not_found", /no_such_tool/));
  });

  test("tool settings are checked against the registry", () => {
    const spec = baseSpec({
      tools: [
        { id: "knowledge_base", config: { max_results: "many", colour: "red" } },
        { id: "tavily", config: { api_key: "tvly-123" } },
      ],
    });
    assert.throws(
      () => generateProject(spec, fixtureRegistry),
      (e: unknown) => {
        assert.ok(e instanceof DomainError && e.code === "invalid");
        const issues = (e.details?.issues as Array<{ path: string; kind: string }>).map((i) => `${i.kind} ${i.path}`).sort();
        assert.deepEqual(issues, [
          "invalid tools.0.config.colour",
          "invalid tools.0.config.max_results",
          "invalid tools.1.config.api_key",
          "missing tools.0.config.knowledge_base_id",
        ]);
        return true;
      },
    );
  });

  test("a tool without code for the language, or unsupported on the target, is refused", () => {
    assert.throws(() => generateProject(baseSpec({ tools: [{ id: "notebook" }] }), fixtureRegistry), domainError("invalid", /no python implementation/));
    const lambda = baseSpec({ deployment: { target: "lambda" }, tools: [{ id: "aws_docs" }] });
    assert.throws(() => generateProject(lambda, fixtureRegistry), domainError("invalid", /does not run on lambda: needs uvx/));
    assert.throws(() => generateProject(baseSpec({ tools: [{ id: "clock" }, { id: "clock" }] }), fixtureRegistry), domainError("invalid", /listed twice/));
  });

  test("a lone surrogate or an invalid name is rejected as invalid", () => {
    assert.throws(() => generateProject(baseSpec({ systemPrompt: "hi \ud800" }), fixtureRegistry), domainError("invalid", /systemPrompt/));
    assert.throws(() => generateProject(baseSpec({ name: "Bad Name" }), fixtureRegistry), domainError("invalid", /name/));
  });
});

type Policy = { PolicyDocument: { Statement: Array<{ Action: string[] }> } };
type Template = { Resources: Record<string, { Type: string; Properties: { Policies?: Policy[] } }> };

describe("generated content", () => {
  test("a deprecated tool is generated with its replacement, and the note says so", () => {
    const p = generateProject(baseSpec({ tools: [{ id: "current_time" }] }), fixtureRegistry);
    assert.match(text(p.files, "app/tools.py"), /from strands_tools import current_time as clock/);
    assert.deepEqual(p.notes, ["Tool 'current_time' is deprecated; generated with its replacement 'clock'."]);
  });

  test("tool settings reach the code only through agent_config.json", () => {
    const p = generateProject(fiveToolSpec(), fixtureRegistry);
    const config = JSON.parse(text(p.files, "agent_config.json")) as { tools: Record<string, { config: object; secretParams: object }> };
    assert.deepEqual(config.tools.knowledge_base, { config: { knowledge_base_id: "KB12345", max_results: 5 }, secretParams: {} });
    assert.deepEqual(config.tools.tavily, { config: {}, secretParams: { api_key: "TAVILY_API_KEY" } });
    for (const [path, content] of p.files) {
      if (path.endsWith(".py")) assert.doesNotMatch(String(content), /KB12345|orders-archive/, path);
    }
  });

  test(".env.example lists the variables by name only", () => {
    const env = text(generateProject(fiveToolSpec(), fixtureRegistry).files, ".env.example");
    const assignments = env.split("\n").filter((l) => /^[A-Z]/.test(l));
    assert.ok(assignments.length >= 8);
    assert.ok(assignments.every((l) => /^[A-Z][A-Z0-9_]*=$/.test(l)), assignments.join("\n"));
    assert.ok(assignments.includes("TAVILY_API_KEY=") && assignments.includes("AGENT_MODEL_PROVIDER="));
  });

  test("requirements are pinned and merged from the templates and the registry", () => {
    const req = text(generateProject(fiveToolSpec(), fixtureRegistry).files, "requirements.txt").split("\n");
    assert.ok(req.includes("strands-agents[ollama,openai]==1.62.0"));
    assert.ok(req.includes("strands-agents-tools>=0.8.6,<0.9"));
    assert.ok(req.includes("fastapi==0.163.2"));
  });

  test("the CloudFormation role carries the model's and the tools' IAM actions", () => {
    const p = generateProject(fiveToolSpec(), fixtureRegistry);
    const cfn = parseYaml(text(p.files, "infra/cloudformation.yaml")) as Template;
    assert.equal(cfn.Resources.AgentRuntime?.Type, "AWS::BedrockAgentCore::Runtime");
    const actions = cfn.Resources.AgentRole!.Properties.Policies!.flatMap((pol) => pol.PolicyDocument.Statement.flatMap((s) => s.Action));
    for (const a of ["bedrock:InvokeModel", "bedrock:Retrieve", "s3:GetObject", "secretsmanager:GetSecretValue", "ecr:BatchGetImage"]) {
      assert.ok(actions.includes(a), a);
    }
    assert.ok(!actions.includes("*"));
  });

  test("the TypeScript project pins its packages and builds dist/run-once.js", () => {
    const p = generateProject(baseSpec({ language: "typescript", tools: [{ id: "aws_docs" }] }), fixtureRegistry);
    const pkg = JSON.parse(text(p.files, "package.json")) as { dependencies: Record<string, string>; scripts: Record<string, string> };
    assert.equal(pkg.dependencies["@strands-agents/sdk"], "1.16.0");
    assert.equal(pkg.dependencies["@modelcontextprotocol/sdk"], "1.32.2");
    const tsconfig = JSON.parse(text(p.files, "tsconfig.json")) as { compilerOptions: { rootDir: string; outDir: string } };
    assert.deepEqual([tsconfig.compilerOptions.rootDir, tsconfig.compilerOptions.outDir], ["src", "dist"]);
    assert.ok(p.files.has("src/run-once.ts") && pkg.scripts.build);
  });

  test("each target gets its own entry point and infrastructure", () => {
    const files = (target: "agentcore" | "ecs-fargate" | "lambda", language: "python" | "typescript") =>
      generateProject(baseSpec({ language, deployment: { target } }), fixtureRegistry).files;
    assert.ok(files("agentcore", "python").has("agentcore/agentcore.json"));
    assert.ok(files("ecs-fargate", "python").has("infra/task-definition.json"));
    assert.ok(files("lambda", "python").has("lambda_handler.py"));
    assert.ok(!files("lambda", "python").has("Dockerfile"));
    assert.ok(files("lambda", "typescript").has("src/lambda.ts"));
    assert.ok(files("agentcore", "typescript").has("src/server.ts"));
  });
});

describe("ZIP", () => {
  test("is deterministic and holds every file", async () => {
    const p = generateProject(baseSpec(), fixtureRegistry);
    const a = await zipProject(p.files);
    const b = await zipProject(p.files);
    assert.deepEqual(Buffer.from(a), Buffer.from(b));
    const zip = await JSZip.loadAsync(a);
    const names = Object.keys(zip.files).sort();
    assert.deepEqual(names, [...p.files.keys()].sort());
    assert.equal(await zip.file("agent-spec.json")!.async("string"), p.files.get("agent-spec.json"));
  });
});

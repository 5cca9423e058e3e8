import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { generateProject } from "../../../server/generation/generate-project";
import { verifyProject } from "../../../server/generation/verify/verify-project";
import type { Finding } from "../../../server/generation/verify/types";
import { baseSpec, fiveToolSpec, fixtureRegistry } from "./fixtures";
import { FAKE_API_TOKEN, FAKE_AWS_KEY_ID, FAKE_PRIVATE_KEY } from "./fake-secrets";

const pythonProject = () => generateProject(fiveToolSpec(), fixtureRegistry);
const tsProject = () => generateProject(baseSpec({ language: "typescript", tools: [{ id: "aws_docs" }] }), fixtureRegistry);

function errors(findings: Finding[], check?: string) {
  return findings.filter((f) => f.severity === "error" && (!check || f.check === check));
}

/** Replaces the first occurrence of `from` in `path` (the seeded fault) and returns the new file map. */
function seed(files: Map<string, string | Uint8Array>, path: string, from: string | RegExp, to: string) {
  const copy = new Map(files);
  const before = String(copy.get(path));
  const after = before.replace(from, to);
  assert.notEqual(after, before, `seed did not change ${path}`);
  copy.set(path, after);
  return copy;
}

const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

describe("verification of clean projects", () => {
  test("a generated Python project passes every check", async () => {
    const p = pythonProject();
    const result = await verifyProject(p.files, { requiredIam: p.requiredIam });
    assert.deepEqual(errors(result.checks), []);
    assert.equal(result.ok, true);
    const ran = result.ran.map((r) => r.check);
    for (const c of ["structure", "json-syntax", "yaml-syntax", "cloudformation", "dockerfile", "secrets", "python-syntax"]) assert.ok(ran.includes(c as never), c);
    assert.equal(result.ran.find((r) => r.check === "python-syntax")?.files, 15); // app/caller.py among them
  });

  test("a generated TypeScript project type-checks against the real SDK types", async () => {
    const p = tsProject();
    const result = await verifyProject(p.files, { requiredIam: p.requiredIam });
    assert.deepEqual(errors(result.checks), []);
    assert.ok((result.ran.find((r) => r.check === "typescript-types")?.files ?? 0) >= 10);
  });
});

describe("verification catches seeded faults, with file and line", () => {
  test("a secret in a file", async () => {
    const p = pythonProject();
    const files = seed(p.files, "app/model.py", 'OLLAMA_DEFAULT_HOST = "http://localhost:11434"', `OLLAMA_DEFAULT_HOST = "http://localhost:11434"\nKEY = "${FAKE_AWS_KEY_ID}"`);
    const keyFile = seed(files, "README.md", "## Test", `token ${FAKE_API_TOKEN}\n\n## Test`);
    const result = await verifyProject(keyFile, { requiredIam: p.requiredIam });
    const found = errors(result.checks, "secrets");
    const model = String(keyFile.get("app/model.py"));
    assert.deepEqual(
      found.map((f) => [f.file, f.line]),
      [
        ["README.md", lineOf(String(keyFile.get("README.md")), "sk-proj-")],
        ["app/model.py", lineOf(model, "AKIA")],
      ],
    );
    assert.equal(result.ok, false);
  });

  test("a private key block and a committed .env file", async () => {
    const files = new Map(pythonProject().files);
    files.set("certs/key.pem", `x\n${FAKE_PRIVATE_KEY}`);
    files.set(".env", "AGENT_MODEL_API_KEY=\n");
    const found = errors((await verifyProject(files)).checks, "secrets").map((f) => [f.file, f.line, f.message]);
    assert.deepEqual(found, [
      ["certs/key.pem", 2, "contains a private key"],
      [".env", undefined, "a .env file must not be part of the project (use .env.example with names only)"],
    ]);
  });

  test("a value in .env.example", async () => {
    const files = seed(pythonProject().files, ".env.example", "LOG_LEVEL=", "LOG_LEVEL=debug");
    const found = errors((await verifyProject(files)).checks, "secrets");
    assert.deepEqual(found.map((f) => [f.file, f.line]), [[".env.example", lineOf(String(files.get(".env.example")), "LOG_LEVEL=debug")]]);
  });

  test("a Dockerfile that runs as root", async () => {
    const files = seed(pythonProject().files, "Dockerfile", "USER 10001:10001", "USER root");
    const found = errors((await verifyProject(files)).checks, "dockerfile");
    assert.deepEqual(found.map((f) => [f.file, f.line, f.message]), [["Dockerfile", lineOf(String(files.get("Dockerfile")), "USER root"), "runs as root (USER root)"]]);
  });

  test("a Dockerfile with no USER, and an AgentCore image that is not ARM64", async () => {
    let files = seed(pythonProject().files, "Dockerfile", "USER 10001:10001\n", "");
    files = seed(files, "Dockerfile", "--platform=linux/arm64", "--platform=linux/amd64");
    const found = errors((await verifyProject(files)).checks, "dockerfile").map((f) => f.message);
    assert.equal(found.length, 2);
    assert.match(found[0]!, /no USER/);
    assert.match(found[1]!, /ARM64/);
  });

  test("a missing IAM statement", async () => {
    const p = pythonProject();
    const files = seed(p.files, "infra/cloudformation.yaml", /\n {18}- bedrock:Retrieve/, "");
    const found = errors((await verifyProject(files, { requiredIam: p.requiredIam })).checks, "cloudformation");
    assert.equal(found.length, 1);
    assert.equal(found[0]!.file, "infra/cloudformation.yaml");
    assert.match(found[0]!.message, /bedrock:Retrieve/);
    assert.equal(found[0]!.line, lineOf(String(files.get("infra/cloudformation.yaml")), "Resources:"));
  });

  test("an admin-like policy and a missing required resource", async () => {
    let files = seed(pythonProject().files, "infra/cloudformation.yaml", "- ecr:GetAuthorizationToken", '- "*"');
    files = seed(files, "infra/cloudformation.yaml", "Type: AWS::BedrockAgentCore::Runtime", "Type: AWS::Lambda::Function");
    const found = errors((await verifyProject(files)).checks, "cloudformation").map((f) => f.message);
    assert.ok(found.some((m) => /not least privilege/.test(m)), found.join("\n"));
    assert.ok(found.some((m) => /missing a AWS::BedrockAgentCore::Runtime/.test(m)), found.join("\n"));
  });

  test("Python that does not parse", async () => {
    const files = seed(pythonProject().files, "app/security.py", "def parse_body(body: bytes) -> str:", "def parse_body(body: bytes) -> str");
    const found = errors((await verifyProject(files)).checks, "python-syntax");
    assert.deepEqual(found.map((f) => [f.file, f.line]), [["app/security.py", lineOf(String(files.get("app/security.py")), "def parse_body")]]);
  });

  test("TypeScript that does not type-check", async () => {
    const files = seed(tsProject().files, "src/agent.ts", "systemPrompt: SYSTEM_PROMPT,", "systemPrompt: 42,");
    const found = errors((await verifyProject(files)).checks, "typescript-types");
    assert.equal(found.length, 1);
    assert.equal(found[0]!.file, "src/agent.ts");
    assert.equal(found[0]!.line, lineOf(String(files.get("src/agent.ts")), "systemPrompt: 42"));
  });

  test("JSON and YAML that do not parse", async () => {
    let files = seed(pythonProject().files, "agent_config.json", '"memory": {', '"memory": {,');
    files = seed(files, ".github/workflows/ci.yml", "jobs:", "jobs: [");
    const result = await verifyProject(files);
    const json = errors(result.checks, "json-syntax");
    assert.deepEqual(json.map((f) => [f.file, f.line]), [["agent_config.json", lineOf(String(files.get("agent_config.json")), '"memory": {,')]]);
    assert.equal(errors(result.checks, "yaml-syntax")[0]?.file, ".github/workflows/ci.yml");
  });

  test("a missing entry point", async () => {
    const files = new Map(pythonProject().files);
    files.delete("run_once.py");
    assert.deepEqual(errors((await verifyProject(files)).checks, "structure").map((f) => f.file), ["run_once.py"]);
  });
});

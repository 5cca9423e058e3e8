import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { generateProject } from "../../server/generation/generate-project";
import { verifyProject } from "../../server/generation/verify/verify-project";
import { apiToolFromDocument } from "../../server/openapi/import";
import type { AgentSpecInput } from "../../server/spec/agent-spec";
import { baseSpec, fixtureRegistry } from "../unit/generation/fixtures";
import { PETSTORE } from "../helpers/petstore";

/**
 * Golden snapshots, one per language × deployment target: the full text of every file.
 * A template change shows up here as a reviewable diff. Regenerate after an intended
 * change with UPDATE_GOLDEN=1 node --import tsx --test tests/generator/golden.test.ts
 * Each combination is also verified (Python parses, TypeScript type-checks, IaC, secrets).
 */

const GOLDEN_DIR = join(__dirname, "golden");
const LANGUAGES = ["python", "typescript"] as const;
const TARGETS = ["agentcore", "ecs-fargate", "lambda"] as const;

function specFor(language: (typeof LANGUAGES)[number], target: (typeof TARGETS)[number]): AgentSpecInput {
  const tools =
    language === "python"
      ? [{ id: "http_request" }, { id: "knowledge_base", config: { knowledge_base_id: "KB12345" } }, { id: "tavily" }, ...(target === "lambda" ? [] : [{ id: "aws_docs" }])]
      : [{ id: "notebook" }, { id: "http_request" }, ...(target === "lambda" ? [] : [{ id: "aws_docs" }])];
  return baseSpec({
    name: `${language}-${target}-agent`,
    language,
    tools,
    deployment: { target },
    ...(target === "lambda" ? { security: { maxInputChars: 8000, secretsSource: "env" } } : {}),
  });
}

/** Compares the project with its golden file (or writes it with UPDATE_GOLDEN=1), then verifies it. */
async function matchesGolden(name: string, spec: AgentSpecInput, language: (typeof LANGUAGES)[number]) {
  const project = generateProject(spec, fixtureRegistry);
  const snapshot = { contentHash: project.contentHash, files: Object.fromEntries(project.files) };
  const path = join(GOLDEN_DIR, `${name}.json`);
  if (process.env.UPDATE_GOLDEN !== "1") assert.ok(existsSync(path), `missing ${path}: run with UPDATE_GOLDEN=1`);
  else {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(path, `${JSON.stringify(snapshot, null, 2)}\n`);
  }
  const golden = JSON.parse(readFileSync(path, "utf8")) as typeof snapshot;
  assert.deepEqual(Object.keys(snapshot.files), Object.keys(golden.files), "file list changed");
  for (const [file, content] of Object.entries(golden.files)) {
    assert.equal(snapshot.files[file], content, `${file} differs from tests/generator/golden/${name}.json`);
  }
  assert.equal(snapshot.contentHash, golden.contentHash);

  const result = await verifyProject(project.files, { requiredIam: project.requiredIam });
  assert.deepEqual(result.checks.filter((c) => c.severity === "error"), []);
  const checked = result.ran.find((r) => r.check === (language === "python" ? "python-syntax" : "typescript-types"));
  assert.ok((checked?.files ?? 0) > 5);
}

for (const language of LANGUAGES) {
  describe(`${language} projects`, () => {
    for (const target of TARGETS) {
      test(`${target}: matches the golden snapshot and passes verification`, () => matchesGolden(`${language}-${target}`, specFor(language, target), language));
    }
    // The user's own API served through an AgentCore Gateway (apiTools exposure "gateway").
    test("agentcore with an API through an AgentCore Gateway: matches the golden snapshot and passes verification", async () => {
      const api = await apiToolFromDocument(PETSTORE, { name: "petstore", select: ["GET /pets/{petId}", "POST /pets"], exposure: "gateway" });
      await matchesGolden(`${language}-agentcore-gateway`, baseSpec({ name: `${language}-gateway-agent`, language, apiTools: [api] }), language);
    });
  });
}

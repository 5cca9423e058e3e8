import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { generateProject } from "../../../server/generation/generate-project";
import { verifyProject } from "../../../server/generation/verify/verify-project";
import { apiToolFromDocument } from "../../../server/openapi/import";
import type { ApiTool } from "../../../server/spec/api-tools";
import { baseSpec, fixtureRegistry } from "../generation/fixtures";
import { PETSTORE } from "../../helpers/petstore";

const SELECT = ["GET /pets", "GET /pets/{petId}", "POST /pets"];

const errors = (r: Awaited<ReturnType<typeof verifyProject>>) => r.checks.filter((c) => c.severity === "error");

describe("generation of API tools", () => {
  let petstore: ApiTool;
  test("setup: the petstore's selected operations", async () => {
    petstore = await apiToolFromDocument(PETSTORE, { name: "petstore", select: SELECT });
  });

  test("TypeScript: typed Strands tools with input schemas; the project type-checks", async () => {
    const p = generateProject(baseSpec({ language: "typescript", apiTools: [petstore] }), fixtureRegistry);
    const code = String(p.files.get("src/api-tools.ts"));
    assert.match(code, /type ShowPetByIdInput = \{ "petId": string \};/);
    assert.match(code, /type CreatePetInput = \{ "body": Record<string, unknown> \};/);
    assert.equal(code.match(/^ {4}tool\(\{$/gm)?.length, 3);
    assert.match(String(p.files.get("src/tools.ts")), /import \{ buildApiTools \} from "\.\/api-tools\.js";/);
    assert.ok(p.files.has("src/api-client.ts"));
    assert.match(String(p.files.get(".env.example")), /^PETSTORE_API_KEY=$/m);
    const result = await verifyProject(p.files, { python: "optional", requiredIam: p.requiredIam });
    assert.deepEqual(errors(result), []);
    assert.equal(result.ran.find((r) => r.check === "typescript-types")?.status, "passed");
  });

  test("Python: the tools parse; the secret is read through the agent secret", async () => {
    const p = generateProject(baseSpec({ language: "python", apiTools: [petstore] }), fixtureRegistry);
    const code = String(p.files.get("app/api_tools.py"));
    assert.equal(code.match(/api_tool\(API_0, /g)?.length, 3);
    assert.match(String(p.files.get("app/tools.py")), /tools\.extend\(build_api_tools\(\)\)/);
    assert.match(String(p.files.get("app/config.py")), /"PETSTORE_API_KEY"/);
    const result = await verifyProject(p.files, { python: "required", requiredIam: p.requiredIam });
    assert.deepEqual(errors(result), []);
    assert.equal(result.ran.find((r) => r.check === "python-syntax")?.status, "passed");
  });

  test("a spec without apiTools generates no API files, and the same bytes as before the feature", () => {
    const p = generateProject(baseSpec({ language: "typescript" }), fixtureRegistry);
    assert.ok(![...p.files.keys()].some((k) => /api[-_](tools|client)/.test(k)));
    assert.ok(!String(p.files.get("src/tools.ts")).includes("buildApiTools"));
    assert.ok(!String(p.files.get("agent-spec.json")).includes("apiTools"));
  });

  test("generation is deterministic", () => {
    const a = generateProject(baseSpec({ apiTools: [petstore] }), fixtureRegistry);
    const b = generateProject(JSON.parse(JSON.stringify(baseSpec({ apiTools: [petstore] }))), fixtureRegistry);
    assert.equal(a.contentHash, b.contentHash);
  });
});

test("exposure 'gateway' outside AgentCore is refused naming the field, not silently dropped", async () => {
  const api = await apiToolFromDocument(PETSTORE, { name: "petstore", select: ["GET /pets"], exposure: "gateway" });
  for (const target of ["lambda", "ecs-fargate"] as const) {
    assert.throws(() => generateProject(baseSpec({ deployment: { target }, apiTools: [api] }), fixtureRegistry), (e: Error & { details?: { field?: string } }) => {
      assert.match(e.message, /^apiTools\.0\.exposure: "gateway" serves the API through an AgentCore Gateway, which only the agentcore target has/);
      assert.equal(e.details?.field, "apiTools.0.exposure");
      return true;
    });
  }
});

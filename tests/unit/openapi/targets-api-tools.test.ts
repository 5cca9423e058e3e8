import assert from "node:assert/strict";
import { test } from "node:test";
import { generateProject } from "../../../server/generation/generate-project";
import { verifyProject } from "../../../server/generation/verify/verify-project";
import { apiToolFromDocument } from "../../../server/openapi/import";
import { baseSpec, fixtureRegistry } from "../generation/fixtures";
import { PETSTORE } from "../../helpers/petstore";

/** API tools on every deployment target and language: the project verifies and its IAM stays the agent secret's only. */


test("API tools generate and verify on Lambda and ECS Fargate in both languages", { timeout: 300_000 }, async () => {
  const api = await apiToolFromDocument(PETSTORE, { name: "petstore", select: ["GET /pets", "POST /pets"] });
  for (const target of ["lambda", "ecs-fargate"] as const) {
    for (const language of ["python", "typescript"] as const) {
      const p = generateProject(baseSpec({ language, deployment: { target }, apiTools: [api] }), fixtureRegistry);
      const errors = (await verifyProject(p.files, { python: "required", requiredIam: p.requiredIam })).checks.filter((c) => c.severity === "error");
      assert.deepEqual(errors, [], `${language} on ${target}`);
      const secretStatements = p.requiredIam.filter((s) => s.actions.includes("secretsmanager:GetSecretValue"));
      assert.equal(secretStatements.length, 1, "one statement reads the agent secret, which holds PETSTORE_API_KEY");
      assert.deepEqual(p.requiredIam.map((s) => s.actions).flat().filter((a) => !/^(bedrock|secretsmanager):/.test(a)), [], "no other permission for the API tools");
    }
  }
});

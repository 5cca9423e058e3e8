import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { generateProject } from "../../server/generation/generate-project";
import { rehearseProject } from "../../server/generation/rehearse/rehearse-project";
import { apiToolFromDocument } from "../../server/openapi/import";
import { loadRegistry } from "../../server/composition/services";
import { SPEC } from "../helpers/sample-spec";
import { freePort } from "../../server/generation/rehearse/boot";
import { PETSTORE } from "../helpers/petstore";

/**
 * The deploy rehearsal of a TypeScript AgentCore project with the petstore's tools whose base
 * URL is on this machine: the mock model asks for show_pet_by_id, the generated tool calls the
 * rehearsal's stand-in API with the API key header, and the check passes.
 */

const CACHE = join(tmpdir(), "agent-builder-rehearsal-cache");

test("the generated API tool calls the stand-in API in the rehearsal, asked for by the mock model", { timeout: 600_000 }, async () => {
  const port = await freePort();
  const api = await apiToolFromDocument(PETSTORE, { name: "petstore", select: ["GET /pets/{petId}", "GET /pets"], baseUrl: `http://127.0.0.1:${port}/v1` });
  const registry = loadRegistry();
  const project = generateProject({ ...SPEC, language: "typescript", apiTools: [api] }, { getModel: (id) => registry.modelById.get(id), getTool: (id) => registry.tools.find((t) => t.id === id) });
  const result = await rehearseProject(project.files, { cacheRoot: CACHE, stepTimeoutMs: 240_000 });
  const check = result.checks.find((c) => c.name === "api-tool");
  assert.ok(check, JSON.stringify(result).slice(0, 2_000));
  assert.equal(check.ok, true, check.detail);
  assert.match(check.detail, /GET \/v1\/pets\/[^ ]+ on the stand-in API with the api-key-header credential/);
  assert.equal(result.status, "passed", result.reason ?? "");
});

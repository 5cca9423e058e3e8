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
 * The deploy rehearsal of a TypeScript AgentCore project whose petstore API is served through
 * an AgentCore Gateway: the generated agent signs its MCP requests with SigV4, the stand-in
 * gateway verifies them, the mock model asks for `petstore___show_pet_by_id`, and the stand-in
 * API sees the key from the secret; an unsigned or badly signed call is refused with 403.
 */

const CACHE = join(tmpdir(), "agent-builder-rehearsal-cache");

test("the gateway-exposed API is called through the stand-in gateway with signed requests; unsigned ones are refused", { timeout: 600_000 }, async () => {
  const port = await freePort();
  const api = await apiToolFromDocument(PETSTORE, { name: "petstore", select: ["GET /pets/{petId}", "GET /pets"], baseUrl: `http://127.0.0.1:${port}/v1`, exposure: "gateway" });
  const registry = loadRegistry();
  const spec = { ...SPEC, language: "typescript", deployment: { target: "agentcore" }, apiTools: [api] };
  const project = generateProject(spec, { getModel: (id) => registry.modelById.get(id), getTool: (id) => registry.tools.find((t) => t.id === id) });
  const result = await rehearseProject(project.files, { cacheRoot: CACHE, stepTimeoutMs: 240_000 });
  const summary = JSON.stringify(result).slice(0, 3_000);
  const tool = result.checks.find((c) => c.name === "gateway-tool");
  const auth = result.checks.find((c) => c.name === "gateway-auth");
  assert.ok(tool && auth, summary);
  assert.equal(tool.ok, true, tool.detail);
  assert.match(tool.detail, /asked for petstore___show_pet_by_id; the agent called it through the stand-in gateway with \d+ SigV4-signed request\(s\), and the gateway called GET \/v1\/pets\/[^ ]+ with the key from the secret in X-API-Key/);
  assert.equal(auth.ok, true, auth.detail);
  assert.ok(!result.checks.some((c) => c.name === "api-tool"), "no in-process API tool to rehearse");
  assert.match(result.how ?? "", /AgentCore Gateway stood in on loopback/);
  assert.equal(result.status, "passed", result.reason ?? "");
});

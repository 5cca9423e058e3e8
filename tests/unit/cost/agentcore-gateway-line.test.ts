import assert from "node:assert/strict";
import { test } from "node:test";
import { estimateCost } from "../../../server/cost/estimate";
import { loadPricing, regionServices } from "../../../server/cost/pricing";
import { deps, makeSpec } from "./fixtures";

/** The AgentCore Gateway line: only when an API is served through the gateway, priced from registry/pricing.json. */

const usage = { requestsPerMonth: 10_000, inputTokens: 1_500, outputTokens: 400, toolRoundTrips: 2 };
const api = (exposure: "agent" | "gateway") => ({
  name: "petstore",
  baseUrl: "https://petstore.example.com/v1",
  allowedHosts: ["petstore.example.com"],
  auth: { kind: "api-key-header" as const, headerName: "X-API-Key", secretName: "PETSTORE_API_KEY" },
  exposure,
  operations: [{ name: "show_pet_by_id", method: "GET" as const, path: "/pets/{petId}", description: "Info for a pet", params: [{ name: "petId", in: "path" as const, required: true, schema: { type: "string" as const } }] }],
});
const agentcore = { target: "agentcore" as const };

test("an API through the gateway: ListTools once per request plus one InvokeTool per tool round trip, at the pricing file's rate", () => {
  const e = estimateCost(makeSpec({ deployment: agentcore, apiTools: [api("gateway")] }), usage, deps());
  const line = e.lines.find((l) => l.service === "AgentCore Gateway");
  assert.ok(line, e.lines.map((l) => l.service).join(", "));
  const rate = regionServices(loadPricing(), "us-east-1")!.bedrock_agentcore!.gateway_per_1000_invocations_listtools_invoketool_ping!.value!;
  // 10,000 ListTools + 20,000 InvokeTool = 30,000 invocations at the rate per 1,000.
  assert.equal(line.monthly, Math.round(30 * rate * 100) / 100);
  assert.match(line.detail, /ListTools \(one per session\): 10,000 invocations/);
  assert.match(line.detail, /InvokeTool \(one per tool round trip\): 20,000 invocations/);
  assert.ok(!line.priceUnknown && !e.unknownServices.includes("AgentCore Gateway"));
});

test("no gateway-served API, no line", () => {
  for (const spec of [makeSpec({ deployment: agentcore }), makeSpec({ deployment: agentcore, apiTools: [api("agent")] })]) {
    assert.equal(estimateCost(spec, usage, deps()).lines.find((l) => l.service === "AgentCore Gateway"), undefined);
  }
});

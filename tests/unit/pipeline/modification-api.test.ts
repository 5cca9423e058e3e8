import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { getBuiltinTemplate } from "../../../server/consultation/templates-builtin";
import { applyPlan, planModification } from "../../../server/pipeline/modification/plan";
import type { AgentSpec } from "../../../server/spec/agent-spec";
import { realRegistry } from "./registry";

/** Change requests that describe an endpoint in words become apiTools operations, validated like any spec change. */

const registry = realRegistry();
const support = getBuiltinTemplate("builtin-customer-support")!.spec;
const plan = (request: string, spec: AgentSpec = support) => planModification(spec, request, registry);

describe("change requests: an endpoint in words becomes an API tool", () => {
  test("the issue's sentence adds a GET operation on the host, not the generic HTTP tool", () => {
    const p = plan("let it look up order status from our REST API at https://api.example.com/orders/{id}");
    assert.deepEqual(p.changes.map((c) => c.path), ["apiTools"]);
    const next = applyPlan(support, p);
    assert.deepEqual(next.tools, support.tools, "no http tool added");
    const [api] = next.apiTools!;
    assert.equal(api!.name, "example");
    assert.equal(api!.baseUrl, "https://api.example.com");
    assert.deepEqual(api!.allowedHosts, ["api.example.com"]);
    assert.deepEqual(api!.operations.map((o) => [o.method, o.path, o.params.map((x) => x.name)]), [["GET", "/orders/{id}", ["id"]]]);
    assert.match(api!.operations[0]!.description, /look up order status/);
    assert.match(p.summary, /adds the tool get_orders_by_id calling GET https:\/\/api\.example\.com\/orders\/\{id\}/);
  });

  test("auth words choose the credential; a second endpoint on the same host joins the same API", () => {
    const first = applyPlan(support, plan("add our orders API https://api.example.com/orders/{id} with a bearer token"));
    assert.deepEqual(first.apiTools![0]!.auth, { kind: "bearer", secretName: "EXAMPLE_API_TOKEN" });
    const second = applyPlan(first, plan("also create refunds through the API at https://api.example.com/refunds", first));
    assert.equal(second.apiTools!.length, 1);
    assert.deepEqual(second.apiTools![0]!.operations.map((o) => `${o.method} ${o.path}`), ["GET /orders/{id}", "POST /refunds"]);
    const again = plan("look up orders through the API at https://api.example.com/orders/{id}", second);
    assert.deepEqual(again.changes, []);
  });

  test("a URL that cannot become a tool is explained and falls back to the HTTP tool with the URL in the prompt", () => {
    const p = plan("call the API at https://user:pw@api.example.com/x");
    assert.ok(!p.changes.some((c) => c.path === "apiTools"));
    assert.match(p.summary, /cannot become a tool: .*without credentials/);
  });

  test("without a URL the generic HTTP tool is still added as before", () => {
    const p = plan("add calls to our REST API");
    assert.ok(p.changes.some((c) => c.path === "tools"));
    assert.ok(!p.changes.some((c) => c.path === "apiTools"));
  });
});

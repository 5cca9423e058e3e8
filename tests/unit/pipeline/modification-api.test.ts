import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { getBuiltinTemplate } from "../../../server/consultation/templates-builtin";
import { applyPlan, planModification } from "../../../server/modifications/plan/plan";
import { Proposal } from "../../../server/understanding/proposal";
import { validateProposal } from "../../../server/understanding/validate-proposal";
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

  test("a model's proposal adds an endpoint only when it validates; bad ones are rejected with the reason", () => {
    const proposal = Proposal.parse({
      summary: "s",
      addApiEndpoints: [
        { method: "GET", url: "https://api.example.com/orders/{id}", description: "Order status", auth: { kind: "api-key-header", headerName: "X-Key" } },
        { method: "POST", url: "ftp://files.example.com/x", description: "nope" },
        { method: "GET", url: "https://api.other.com/x", description: "d", auth: { kind: "oauth2" } },
      ],
    });
    const v = validateProposal(support, proposal, { registry, userText: "add our order API" });
    assert.deepEqual(v.spec.apiTools!.map((a) => [a.name, a.operations.map((o) => o.name), a.auth.kind]), [["example", ["get_orders_by_id"], "api-key-header"]]);
    assert.equal(v.rejected.length, 2);
    assert.match(v.rejected[0]!.reason, /absolute http\(s\) URL/);
    assert.match(v.rejected[1]!.reason, /Unsupported authentication.*Supported/);
    const locked = validateProposal(support, proposal, { registry, userText: "x", locked: ["apiTools"] });
    assert.equal(locked.spec.apiTools, undefined);
    assert.match(locked.rejected[0]!.reason, /locked/);
  });
});

import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { generateProject } from "../../server/generation/generate-project";
import { rehearseProject } from "../../server/generation/rehearse/rehearse-project";
import { baseSpec, fixtureRegistry } from "../unit/generation/fixtures";

/**
 * A TypeScript agent with a guardrail, rehearsed: booted as its IaC runs it against the mock
 * model, which honours the denied topics, and asked about one. The guardrail check must see
 * an intervention; with the agent's guardrail reporting removed, it must fail.
 */

const CACHE = join(tmpdir(), "agent-builder-rehearsal-cache");
const guardrails = { deniedTopics: [{ name: "Investment advice", definition: "Which stocks, funds or crypto to buy or sell." }], blockedMessage: "I can't help with investment advice." };

describe("deploy rehearsal with a guardrail", { timeout: 900_000 }, () => {
  for (const target of ["agentcore", "lambda"] as const) {
    test(`${target}: the rehearsal shows the guardrail intervening with the mock model`, async () => {
      const project = generateProject(baseSpec({ name: `guarded-${target}`, language: "typescript", deployment: { target }, guardrails }), fixtureRegistry);
      const r = await rehearseProject(project.files, { cacheRoot: CACHE });
      assert.equal(r.status, "passed", JSON.stringify(r.checks, null, 2));
      const check = r.checks.find((c) => c.name === "guardrail");
      assert.ok(check?.ok, JSON.stringify(r.checks, null, 2));
      assert.match(check.detail, /the guardrail intervened/);
    });
  }

  test("the check fails when the agent does not report the intervention", async () => {
    const project = generateProject(baseSpec({ name: "guarded-broken", language: "typescript", deployment: { target: "agentcore" }, guardrails }), fixtureRegistry);
    const files = new Map(project.files);
    const runOnce = String(files.get("src/run-once.ts"));
    const broken = runOnce.replace('emit({ type: "guardrail", action: "intervened", message: result.toString().trim() });', "");
    assert.notEqual(broken, runOnce);
    files.set("src/run-once.ts", broken);
    const r = await rehearseProject(files, { cacheRoot: CACHE });
    assert.equal(r.status, "failed");
    const check = r.checks.find((c) => c.name === "guardrail");
    assert.equal(check?.ok, false);
    assert.match(check!.detail, /no guardrail event/);
  });
});

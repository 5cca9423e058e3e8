import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { generateProject } from "../../server/generation/generate-project";
import { rehearseProject } from "../../server/generation/rehearse/rehearse-project";
import { verifyProject } from "../../server/generation/verify/verify-project";
import type { AgentSpecInput } from "../../server/spec/agent-spec";
import { baseSpec, fixtureRegistry } from "../unit/generation/fixtures";

/**
 * Language × target × tool mix (no tools; local/vended tools; an MCP server). Every
 * TypeScript combination is generated, verified and rehearsed end to end: booted as its IaC
 * runs it, against the mock model, and called (one answer, a streamed one, usage per request,
 * two sessions, a busy session, a bad request). The MCP server (uvx) cannot start here, which
 * is the point: it is left out and the agent still answers. Python combinations are generated,
 * parsed and checked, and their rehearsal is asserted "skipped" (PyPI is unreachable here).
 * Dependencies are cached across runs under the OS temp directory.
 */

const CACHE = join(tmpdir(), "agent-builder-rehearsal-cache");
const TARGETS = ["agentcore", "ecs-fargate", "lambda"] as const;
const MIXES = {
  "no tools": { typescript: [], python: [] },
  "local and vended tools": { typescript: [{ id: "notebook" }, { id: "http_request" }], python: [{ id: "http_request" }] },
  "an MCP server": { typescript: [{ id: "aws_docs" }], python: [{ id: "aws_docs" }] },
} as const;

const specFor = (language: "typescript" | "python", target: (typeof TARGETS)[number], mix: keyof typeof MIXES): AgentSpecInput =>
  baseSpec({ name: `m-${language.slice(0, 2)}-${target}-${Object.keys(MIXES).indexOf(mix)}`, language, tools: [...MIXES[mix][language]], deployment: { target } });

for (const language of ["typescript", "python"] as const) {
  describe(`${language}: every target and tool mix`, { timeout: 1_800_000 }, () => {
    for (const target of TARGETS) {
      for (const mix of Object.keys(MIXES) as Array<keyof typeof MIXES>) {
        test(`${target} with ${mix}`, async () => {
          const spec = specFor(language, target, mix);
          if (target === "lambda" && mix === "an MCP server") {
            // The registry says the MCP server needs a long-lived process: generation refuses with that reason.
            assert.throws(() => generateProject(spec, fixtureRegistry), /does not run on lambda: needs uvx/);
            return;
          }
          const project = generateProject(spec, fixtureRegistry);
          const result = await verifyProject(project.files, { requiredIam: project.requiredIam, rehearse: { cacheRoot: CACHE } });
          assert.deepEqual(result.checks.filter((c) => c.severity === "error"), []);
          const r = result.rehearsal!;
          if (language === "python") {
            assert.equal(r.status, "skipped");
            assert.match(r.reason ?? "", /^skipped: dependencies unavailable/);
            assert.equal(result.ran.find((x) => x.check === "rehearsal")?.status, "skipped");
            return;
          }
          assert.equal(r.status, "passed", JSON.stringify(r, null, 2));
          const names = r.checks.map((c) => c.name);
          for (const name of ["boot", "invoke", "stream", "usage-per-request", "concurrent-sessions", "bad-request"] as const) assert.ok(names.includes(name), name);
          if (target !== "lambda") assert.ok(names.includes("busy-session"));
          if (target === "ecs-fargate") assert.ok(names.includes("health-check"));
          assert.match(r.how ?? "", /Node 22\./);
          // Only the model endpoint is swapped: the spec's Bedrock client goes to the mock's Bedrock-compatible endpoint.
          assert.match(r.how ?? "", /Bedrock Runtime's endpoint swapped for the mock model's Bedrock-compatible one/);
          // A container listens where AWS expects it (8080) unless another process holds that port here.
          if (target !== "lambda") assert.match(r.how ?? "", /listening on (port 8080, as deployed|port \d+ \(the deployed port 8080 was busy on this machine\))/);
          assert.ok(r.checks.every((c) => c.ms >= 0));
        });
      }
    }
  });
}

describe("the rehearsal fails when a defect is put back", { timeout: 900_000 }, () => {
  for (const target of ["agentcore", "lambda"] as const) {
    test(`${target}: loadSecrets throwing when the secret cannot be read (the original crash)`, async () => {
      const project = generateProject(specFor("typescript", target, "local and vended tools"), fixtureRegistry);
      const files = new Map(project.files);
      const config = String(files.get("src/config.ts"));
      const broken = config.replace(/warn\("the agent secret could not be read.*?\}\);/, "throw error;");
      assert.notEqual(broken, config, "the defect was put back");
      files.set("src/config.ts", broken);
      const r = await rehearseProject(files, { cacheRoot: CACHE });
      assert.equal(r.status, "failed");
      const failed = r.checks.find((c) => !c.ok)!;
      // A container exits before it listens; a Lambda function fails at init (an unhandled rejection), so no call succeeds.
      assert.equal(failed.name, "boot", JSON.stringify(r.checks));
      // Without credentials the SDK fails in loadSecrets; with the stand-ins' throw-away credentials (Lambda's conversation table)
      // it fails reaching Secrets Manager at the unreachable AWS endpoint (127.0.0.1:9). Either way the init crashes.
      assert.match(failed.detail, /exited with 1 before it served[\s\S]*(loadSecrets|ECONNREFUSED 127\.0\.0\.1:9|address: '127\.0\.0\.1',\s+port: 9\b)/);
    });
  }
});

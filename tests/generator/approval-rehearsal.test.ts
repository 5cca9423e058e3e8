import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { generateProject } from "../../server/generation/generate-project";
import { rehearseProject } from "../../server/generation/rehearse/rehearse-project";
import { verifyProject } from "../../server/generation/verify/verify-project";
import { baseSpec, fixtureRegistry } from "../unit/generation/fixtures";

/**
 * A TypeScript agent whose side-effecting tool needs approval, rehearsed as deployed against
 * the mock model: the call pauses (SSE approval_request, GET per session), POST approve lets
 * the tool run, POST deny cancels it and the answer says so. The Python project is generated
 * and checked structurally (its rehearsal is skipped here: PyPI is unreachable).
 */

const CACHE = join(tmpdir(), "agent-builder-rehearsal-cache");
// Fixture tools carry no registry side effects, so the spec names the tool that needs approval.
const spec = (language: "typescript" | "python", target: "agentcore" | "ecs-fargate" | "lambda") =>
  baseSpec({ name: `approve-${language.slice(0, 2)}-${target}`, language, tools: [{ id: "notebook" }, { id: "http_request" }], deployment: { target }, approval: { tools: ["http_request"], timeoutSeconds: 30 } });

describe("deploy rehearsal with human approval", { timeout: 900_000 }, () => {
  test("typescript on ecs-fargate: pause → approve → runs; pause → deny → reported", async () => {
    const project = generateProject(spec("typescript", "ecs-fargate"), fixtureRegistry);
    assert.ok(project.files.has("src/approval.ts"));
    const result = await verifyProject(project.files, { requiredIam: project.requiredIam, rehearse: { cacheRoot: CACHE } });
    assert.deepEqual(result.checks.filter((c) => c.severity === "error"), []);
    const r = result.rehearsal!;
    assert.equal(r.status, "passed", JSON.stringify(r.checks, null, 2));
    for (const name of ["approval-approve", "approval-deny"]) {
      const c = r.checks.find((x) => x.name === name);
      assert.ok(c?.ok, `${name}: ${JSON.stringify(r.checks, null, 2)}`);
    }
  });

  test("typescript on agentcore: the decision comes through /invocations on the same session (approve and deny)", async () => {
    const project = generateProject(spec("typescript", "agentcore"), fixtureRegistry);
    const r = await rehearseProject(project.files, { cacheRoot: CACHE });
    assert.equal(r.status, "passed", JSON.stringify(r.checks, null, 2));
    for (const name of ["approval-approve", "approval-deny"]) {
      const c = r.checks.find((x) => x.name === name);
      assert.ok(c?.ok, `${name}: ${JSON.stringify(r.checks, null, 2)}`);
      assert.match(c!.detail ?? "", /through \/invocations/);
    }
  });

  test("typescript on lambda: the call ends on the approval, a second call on the session resumes it (approve and deny)", async () => {
    const project = generateProject(spec("typescript", "lambda"), fixtureRegistry);
    const result = await verifyProject(project.files, { requiredIam: project.requiredIam, rehearse: { cacheRoot: CACHE } });
    assert.deepEqual(result.checks.filter((c) => c.severity === "error"), []);
    const r = result.rehearsal!;
    assert.equal(r.status, "passed", JSON.stringify(r.checks, null, 2));
    for (const name of ["approval-approve", "approval-deny"]) {
      const c = r.checks.find((x) => x.name === name);
      assert.ok(c?.ok, `${name}: ${JSON.stringify(r.checks, null, 2)}`);
      assert.match(c!.detail ?? "", /a second call on the session with the decision resumed it/);
    }
  });

  test("python on lambda: generated with the paused-call store and verified; its rehearsal is skipped (PyPI is unreachable), never passed", async () => {
    // Python has no notebook tool: http_request alone.
    const project = generateProject({ ...spec("python", "lambda"), tools: [{ id: "http_request" }] }, fixtureRegistry);
    for (const f of ["lambda_approval.py", "approval_store.py", "app/approval.py"]) assert.ok(project.files.has(f), f);
    const result = await verifyProject(project.files, { requiredIam: project.requiredIam, rehearse: { cacheRoot: CACHE } });
    assert.deepEqual(result.checks.filter((c) => c.severity === "error"), []);
    assert.equal(result.rehearsal?.status, "skipped");
    assert.match(result.rehearsal?.reason ?? "", /skipped: dependencies unavailable/);
  });

  test("on lambda the rehearsal fails when the paused call is not kept for the decision", async () => {
    const project = generateProject(spec("typescript", "lambda"), fixtureRegistry);
    const files = new Map(project.files);
    const approval = String(files.get("src/lambda-approval.ts"));
    const broken = approval.replace("await holdCall(caller, { approvals, snapshot: JSON.stringify(snapshot), conversationVersion });", "void holdCall;");
    assert.notEqual(broken, approval);
    files.set("src/lambda-approval.ts", broken);
    const r = await rehearseProject(files, { cacheRoot: CACHE });
    assert.equal(r.checks.find((c) => c.name === "build")?.ok, true);
    assert.equal(r.checks.find((c) => c.name === "approval-approve")?.ok, false);
  });

  test("on lambda a decision after the deadline resumes as a timeout (a deny), not as the approve that was sent", async () => {
    const project = generateProject(spec("typescript", "lambda"), fixtureRegistry);
    const files = new Map(project.files);
    const approval = String(files.get("src/approval.ts"));
    // Every approval is past its deadline by the time the decision comes.
    const expired = approval.replace("export const APPROVAL_TIMEOUT_MS = 30000;", "export const APPROVAL_TIMEOUT_MS = 1;");
    assert.notEqual(expired, approval);
    files.set("src/approval.ts", expired);
    const r = await rehearseProject(files, { cacheRoot: CACHE });
    const approve = r.checks.find((c) => c.name === "approval-approve");
    assert.equal(approve?.ok, false);
    assert.match(approve!.detail ?? "", /expected an approval_decision "approve" for apr_\S+, got \{[^}]*"decision":"timeout"/);
  });

  test("on agentcore the rehearsal fails when /invocations does not take the decision", async () => {
    const project = generateProject(spec("typescript", "agentcore"), fixtureRegistry);
    const files = new Map(project.files);
    const server = String(files.get("src/server.ts"));
    const broken = server.replace("if (decision) return decideInvocation(req, res, decision);", "");
    assert.notEqual(broken, server);
    files.set("src/server.ts", broken);
    const r = await rehearseProject(files, { cacheRoot: CACHE });
    assert.equal(r.checks.find((c) => c.name === "approval-approve")?.ok, false);
  });

  test("the rehearsal fails when the approval hook is taken out", async () => {
    const project = generateProject(spec("typescript", "ecs-fargate"), fixtureRegistry);
    const files = new Map(project.files);
    const approval = String(files.get("src/approval.ts"));
    const broken = approval.replace("if (!names.has(tool)) return;", "return;");
    assert.notEqual(broken, approval);
    files.set("src/approval.ts", broken);
    const r = await rehearseProject(files, { cacheRoot: CACHE });
    assert.equal(r.status, "failed");
    assert.equal(r.checks.find((c) => c.name === "approval-approve")?.ok, false);
  });
});

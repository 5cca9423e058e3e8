import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { insertEstimate, listEstimates } from "../../server/cost/estimate-repo";
import { StorageParseError } from "../../server/db/json-column";
import { getDeployment, insertDeployment } from "../../server/deploy/store";
import { createId } from "../../server/ids";
import type { LocalPlatform } from "../../server/platform/local";
import { createProject } from "../../server/projects/service";
import { readSelectionRows, saveToolSelection } from "../../server/registry/selection-repo";
import { getCase, insertCase } from "../../server/test-runs/store/cases-repo";
import { getRun, insertRun, storeOutcome } from "../../server/test-runs/store/runs-repo";
import { findVersion, insertNextVersion, type Version } from "../../server/versions/version-repo";
import { createUser, startTestPlatform } from "../helpers/platform";

/**
 * JSON columns are parsed with zod at the storage edge (issue 14 item 3): a row corrupted by
 * raw SQL is refused with a StorageParseError naming the table, the column, the row and the
 * field inside the value, and an intact row still reads as the domain object it was stored as.
 */
let platform: LocalPlatform;
before(async () => {
  platform = await startTestPlatform();
});
after(async () => {
  await platform.close();
});

async function fixture() {
  const { user } = await createUser(platform, "json");
  const project = await createProject(platform.db, user.id, { name: "JSON columns", description: "" });
  const version = await insertNextVersion(platform.db, {
    projectId: project.id, specHash: "s", contentHash: "c", manifest: [{ path: "agent.py", size: 12, sha256: "ab" }], blobKey: "filesets/c.json", zipBlobKey: null,
    fileCount: 1, totalBytes: 12, zipBytes: null, modificationId: null,
    verification: { ok: true, checks: [{ check: "structure", file: "agent.py", message: "fine", severity: "warning" }], ran: [{ check: "structure", files: 1, ms: 3, status: "passed" }] },
  });
  return { user, project, version };
}

/** Asserts the read fails with a StorageParseError naming exactly this place. */
async function refuses(read: () => Promise<unknown>, where: { table: string; column: string; rowId: string; field: string }) {
  await assert.rejects(read, (e: unknown) => {
    assert.ok(e instanceof StorageParseError, `expected a StorageParseError, got ${String(e)}`);
    assert.deepEqual({ table: e.table, column: e.column, rowId: e.rowId, field: e.field }, where);
    assert.match(e.message, new RegExp(`^${where.table}\\.${where.column} of row ${where.rowId} is not valid at '${where.field.replace(/\./g, "\\.")}'`));
    return true;
  });
}

describe("JSON columns read through zod", () => {
  test("generated_code.manifest and .verification", async () => {
    const { project, version } = await fixture();
    const read = () => findVersion(platform.db, project.id, version.id);
    const intact = (await read()) as Version;
    assert.deepEqual(intact.manifest, [{ path: "agent.py", size: 12, sha256: "ab" }]);
    assert.equal(intact.verification?.checks[0]?.check, "structure");

    await platform.db.execute(sql`update generated_code set manifest = '[{"path":"agent.py","size":"twelve","sha256":"ab"}]'::jsonb where id = ${version.id}`);
    await refuses(read, { table: "generated_code", column: "manifest", rowId: version.id, field: "0.size" });

    await platform.db.execute(sql`update generated_code set manifest = '[]'::jsonb, verification = '{"ok":true,"checks":[{"check":"no-such-check","file":"a","message":"m","severity":"error"}],"ran":[]}'::jsonb where id = ${version.id}`);
    await refuses(read, { table: "generated_code", column: "verification", rowId: version.id, field: "checks.0.check" });
  });

  test("tool_selections.config", async () => {
    const { project } = await fixture();
    await saveToolSelection(platform.db, project.id, [{ id: "web-search", config: { maxResults: 5 } }], async () => undefined);
    assert.deepEqual((await readSelectionRows(platform.db, project.id)).tools.map((t) => t.config), [{ maxResults: 5 }]);
    await platform.db.execute(sql`update tool_selections set config = '{"maxResults":{"nested":true}}'::jsonb where project_id = ${project.id}`);
    await refuses(() => readSelectionRows(platform.db, project.id), { table: "tool_selections", column: "config", rowId: `${project.id}/web-search`, field: "maxResults" });
  });

  test("deployments.outputs and the state names", async () => {
    const { user, project, version } = await fixture();
    const d = await insertDeployment(platform.db, { projectId: project.id, versionId: version.id, version: 1, userId: user.id, environment: "dev", kind: "deploy", stackName: "s", region: "us-east-1", parameters: { VpcId: "vpc-1" } });
    assert.deepEqual((await getDeployment(platform.db, d.id))?.parameters, { VpcId: "vpc-1" });
    await platform.db.execute(sql`update deployments set outputs = '{"AgentUrl":42}'::jsonb where id = ${d.id}`);
    await refuses(() => getDeployment(platform.db, d.id), { table: "deployments", column: "outputs", rowId: d.id, field: "AgentUrl" });
    await platform.db.execute(sql`update deployments set outputs = null, status = 'exploded' where id = ${d.id}`);
    await assert.rejects(() => getDeployment(platform.db, d.id), (e: unknown) => e instanceof StorageParseError && e.table === "deployments" && e.column === "status" && e.field === "");
  });

  test("cost_estimates.inputs and .breakdown", async () => {
    const { project } = await fixture();
    const inputs = { specSource: "draft" as const, modelId: "amazon.nova-micro-v1:0", target: "lambda", spec: {}, usage: { requestsPerMonth: 3000 } as never, overridden: [] };
    const { id } = await insertEstimate(platform.db, project.id, inputs, { total: 1.5, totalExcludesUnknown: false, usageSource: "estimated" } as never);
    assert.equal((await listEstimates(platform.db, project.id, 5))[0]?.requestsPerMonth, 3000);
    await platform.db.execute(sql`update cost_estimates set breakdown = '{"usageSource":"guessed"}'::jsonb where id = ${id}`);
    await refuses(() => listEstimates(platform.db, project.id, 5), { table: "cost_estimates", column: "breakdown", rowId: id, field: "usageSource" });
  });

  test("test_run_details.events, .tool_calls and test_cases.expectations", async () => {
    const { project, version } = await fixture();
    const runId = createId("run");
    await insertRun(platform.db, { id: runId, projectId: project.id, versionId: version.id, input: "hi", modelUsed: "mock" });
    await storeOutcome(platform.db, runId, {
      status: "succeeded", output: "hello", error: null, firstTokenMs: 1, totalMs: 2, tokensIn: 3, tokensOut: 4, logsExcerpt: "",
      toolCalls: [{ name: "web-search", input: { q: "x" } }], events: [{ type: "text", delta: "hello", t: 1 }], model: { kind: "mock", id: "mock", label: "mock" },
    }, null);
    const run = await getRun(platform.db, project.id, runId);
    assert.deepEqual(run.events, [{ type: "text", delta: "hello", t: 1 }]);
    assert.deepEqual(run.toolCalls, [{ name: "web-search", input: { q: "x" } }]);

    await platform.db.execute(sql`update test_run_details set events = '[{"type":"text","delta":"hello"}]'::jsonb where result_id = ${runId}`);
    await refuses(() => getRun(platform.db, project.id, runId), { table: "test_run_details", column: "events", rowId: runId, field: "0.t" });
    await platform.db.execute(sql`update test_run_details set events = '[]'::jsonb, tool_calls = '[{"input":{}}]'::jsonb where result_id = ${runId}`);
    await refuses(() => getRun(platform.db, project.id, runId), { table: "test_run_details", column: "tool_calls", rowId: runId, field: "0.name" });

    const testCase = await insertCase(platform.db, { id: createId("testCase"), projectId: project.id, name: "greets", input: "hi", expectations: { contains: ["hello"] } });
    await platform.db.execute(sql`update test_cases set expectations = '{"contains":"hello"}'::jsonb where id = ${testCase.id}`);
    await refuses(() => getCase(platform.db, project.id, testCase.id), { table: "test_cases", column: "expectations", rowId: testCase.id, field: "contains" });
  });
});

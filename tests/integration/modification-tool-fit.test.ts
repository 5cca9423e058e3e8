import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LocalPlatform } from "../../server/platform/local";
import { createUser, startTestPlatform } from "../helpers/platform";
import { SPEC, setDraft, startWorkers } from "../helpers/pipeline";

/**
 * Change requests through the real tRPC router and the PM/Dev/QA/Ops workers: a language or
 * target change refits the tools with the check of record (said with the registry's reason),
 * and a tool that fits nowhere ends the request with that reason, not a failed generation.
 */

let platform: LocalPlatform;
before(async () => {
  platform = await startTestPlatform({ queue: { visibilityTimeoutMs: 30_000, retryDelayMs: 20, pollIntervalMs: 5 } });
  startWorkers(platform);
});
after(() => platform.close());

async function requestChange(draft: Record<string, unknown>, request: string) {
  const { user, caller } = await createUser(platform);
  const project = await caller.project.create({ name: "Tool fit" });
  await setDraft(platform, project.id, user.id, draft);
  await caller.generation.generate({ projectId: project.id });
  await platform.jobs.drain(120_000);
  const m = await caller.modification.request({ projectId: project.id, request });
  await platform.jobs.drain(180_000);
  const done = await caller.modification.get({ projectId: project.id, modificationId: m.modificationId });
  const versions = await caller.generation.listVersions({ projectId: project.id });
  const latest = async () => {
    const v = await caller.generation.get({ projectId: project.id, versionId: done.ops!.versionId! });
    return JSON.parse(v.files.find((f) => f.path === "agent-spec.json")!.content!) as { language: string; deployment: { target: string }; tools: { id: string }[] };
  };
  return { done, versions, latest };
}

describe("change requests and the tool-fit check of record", () => {
  test("'switch to TypeScript' with tavily and http_request: both swapped for their TypeScript alternatives and a new version is generated", async () => {
    const { done, versions, latest } = await requestChange({ ...SPEC, tools: [{ id: "tavily", config: {} }, { id: "http_request", config: {} }] }, "switch to TypeScript");
    assert.equal(done.status, "done", done.error ?? "");
    assert.match(done.plan!.summary, /Tavily search, extract, crawl and map has no TypeScript implementation in the registry; I swapped it for Tavily MCP server/);
    assert.match(done.plan!.summary, /HTTP request \(strands_tools\) has no TypeScript implementation in the registry; I swapped it for HTTP request \(SDK vended\)/);
    assert.equal(versions.length, 2);
    const spec = await latest();
    assert.equal(spec.language, "typescript");
    assert.deepEqual(spec.tools.map((t) => t.id).sort(), ["http_request_vended", "mcp_tavily"]);
  });

  test("'deploy on Lambda instead' with a tool that does not run there: swapped for the fitting alternative, the reason said", async () => {
    const { done, latest } = await requestChange({ ...SPEC, tools: [{ id: "mcp_aws_documentation", config: {} }] }, "deploy on Lambda instead");
    assert.equal(done.status, "done", done.error ?? "");
    assert.match(done.plan!.summary, /AWS Documentation MCP server does not run on AWS Lambda: stdio MCP server .*; I swapped it for AWS Knowledge MCP server \(remote\)/);
    const spec = await latest();
    assert.equal(spec.deployment.target, "lambda");
    assert.deepEqual(spec.tools.map((t) => t.id), ["mcp_aws_knowledge"]);
  });

  test("'add slack' where no Slack tool fits (TypeScript on Lambda): ends 'no-change' naming the tool and why, no failed generation", async () => {
    const { done, versions } = await requestChange({ ...SPEC, language: "typescript", deployment: { target: "lambda" } }, "add slack");
    assert.equal(done.status, "no-change", done.error ?? "");
    assert.equal(done.error, null);
    assert.match(done.plan!.summary, /No Slack tool in the registry fits TypeScript on AWS Lambda \(Slack MCP server does not run on AWS Lambda: .*\); I left Slack out/);
    assert.doesNotMatch(done.plan!.summary, /registry has no tool/);
    assert.equal(versions.length, 1);
  });
});

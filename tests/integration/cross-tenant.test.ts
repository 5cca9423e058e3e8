import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TRPCError } from "@trpc/server";
import { z } from "zod";
import { appRouter } from "../../server/api/root";
import { deployments, suiteRuns, testCases, testResults, testRunDetails } from "../../server/db/schema";
import { createId } from "../../server/ids";
import type { LocalPlatform } from "../../server/platform/local";
import { createUser, startTestPlatform } from "../helpers/platform";
import { setDraft, startWorkers } from "../helpers/pipeline";

/**
 * The cross-tenant matrix, generated from the router: every procedure whose input names a
 * project is called by another user with the owner's real ids (project, version, run, case,
 * suite run, modification) and minimal values for everything else. Each must answer
 * NOT_FOUND, the same as for a missing project. A new procedure is in the matrix the moment
 * it is in the router; one whose input the generator cannot fill fails here until it can.
 */

let platform: LocalPlatform;
before(async () => {
  platform = await startTestPlatform({ queue: { visibilityTimeoutMs: 30_000, retryDelayMs: 20, pollIntervalMs: 5 } });
  startWorkers(platform);
});
after(() => platform.close());

type Procedure = { _def: { type: string; inputs: z.ZodType[] } };
const procedures = () => Object.entries((appRouter as unknown as { _def: { procedures: Record<string, Procedure> } })._def.procedures);

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; pattern?: string; minLength?: number; minimum?: number; enum?: unknown[]; anyOf?: JsonSchema[]; items?: JsonSchema; minItems?: number; const?: unknown };

/** Minimal valid value for a JSON Schema node, taking the owner's ids for id-shaped fields. */
function sample(node: JsonSchema, name: string, ids: Record<string, string>): unknown {
  if (node.const !== undefined) return node.const;
  if (node.enum) return node.enum[0];
  if (node.anyOf) return sample(node.anyOf.find((n) => n.type !== "null") ?? node.anyOf[0]!, name, ids);
  const prefix = node.pattern ? /^\^([a-z]+)_/.exec(node.pattern)?.[1] : undefined;
  if (prefix && ids[prefix]) return ids[prefix];
  const type = Array.isArray(node.type) ? node.type[0] : node.type;
  if (type === "string") return "x".repeat(Math.max(1, node.minLength ?? 1));
  if (type === "number" || type === "integer") return node.minimum ?? 1;
  if (type === "boolean") return false;
  if (type === "array") return Array.from({ length: node.minItems ?? 0 }, () => sample(node.items ?? {}, name, ids));
  if (type === "object" || node.properties) {
    const out: Record<string, unknown> = {};
    for (const key of node.required ?? []) out[key] = sample(node.properties?.[key] ?? {}, key, ids);
    return out;
  }
  return undefined;
}

function inputSchema(p: Procedure): JsonSchema | null {
  if (p._def.inputs.length === 0) return null;
  const merged = p._def.inputs.reduce((a, b) => (a as z.ZodObject).extend((b as z.ZodObject).shape));
  return z.toJSONSchema(merged, { unrepresentable: "any", io: "input" }) as JsonSchema;
}

/** Inputs whose cross-field rules a JSON Schema cannot say: the generated sample, completed. Keep this short. */
const COMPLETE: Record<string, (input: Record<string, unknown>) => Record<string, unknown>> = {
  "testing.cases.create": (input) => ({ ...input, expectations: { contains: ["x"] } }),
  "testing.cases.save": (input) => ({ ...input, cases: [{ name: "c", input: "q", expectations: { contains: ["x"] } }] }),
  "modification.answer": (input) => ({ ...input, answers: { x: "y" } }),
};

// A run id alone names its project too (testing.decideApproval). The ECS runner's procedures
// take a run id with its one-time token instead of a user: they are not user-scoped.
const TOKEN_AUTHENTICATED = "testing.runner.";
const namesAProject = (s: JsonSchema | null, path: string) =>
  !path.startsWith(TOKEN_AUTHENTICATED) && Object.values(s?.properties ?? {}).some((n) => n.pattern?.startsWith("^prj_") || n.pattern?.startsWith("^run_"));

let ownerCaller: Awaited<ReturnType<typeof createUser>>["caller"];

async function ownerFixtures() {
  const owner = await createUser(platform, "owner");
  ownerCaller = owner.caller;
  const project = await owner.caller.project.create({ name: "Owner's" });
  await setDraft(platform, project.id, owner.user.id);
  const gen = await owner.caller.generation.generate({ projectId: project.id });
  await platform.jobs.drain(60_000);
  const [version] = await owner.caller.generation.listVersions({ projectId: project.id });
  const run = createId("run");
  await platform.db.insert(testResults).values({ id: run, projectId: project.id, versionId: version!.id, input: "q", status: "succeeded", modelUsed: "mock" });
  await platform.db.insert(testRunDetails).values({ resultId: run });
  const testCase = createId("testCase");
  await platform.db.insert(testCases).values({ id: testCase, projectId: project.id, name: "c", input: "q", expectations: [] } as never);
  const suiteRun = createId("suiteRun");
  await platform.db.insert(suiteRuns).values({ id: suiteRun, projectId: project.id, versionId: version!.id, status: "done", total: 0 });
  const deployment = createId("deployment");
  await platform.db.insert(deployments).values({ id: deployment, projectId: project.id, versionId: version!.id, version: 1, userId: owner.user.id, environment: "dev", kind: "deploy", status: "failed", stackName: "owner-dev", region: "us-east-1" });
  return { prj: project.id, ver: version!.id, run, tc: testCase, sr: suiteRun, mod: gen.modificationId, dep: deployment };
}

describe("cross-tenant matrix (generated from the router)", () => {
  test("another user's ids answer NOT_FOUND on every project-scoped procedure", async () => {
    const ids = await ownerFixtures();
    const intruder = await createUser(platform, "intruder");
    const scoped = procedures().filter(([path, p]) => namesAProject(inputSchema(p), path));
    assert.ok(scoped.some(([path]) => path === "testing.decideApproval"), "a procedure naming only a run is in the matrix");
    assert.ok(scoped.length >= 30, `found ${scoped.length} project-scoped procedures`);
    const wrong: string[] = [];
    for (const [path, p] of scoped) {
      const generated = sample(inputSchema(p)!, "input", ids) as Record<string, unknown>;
      const input = COMPLETE[path]?.(generated) ?? generated;
      const fn = path.split(".").reduce<any>((node, key) => node[key], intruder.caller);
      try {
        await fn(input);
        wrong.push(`${path}: succeeded`);
      } catch (e) {
        const code = (e as TRPCError).code;
        if (code !== "NOT_FOUND") wrong.push(`${path}: ${code} ${(e as Error).message.slice(0, 120)} with ${JSON.stringify(input).slice(0, 200)}`);
      }
    }
    assert.deepEqual(wrong, []);
    // Control: the same generated inputs are real for their owner (queries only; mutations would change data).
    for (const [path, p] of scoped.filter(([, p]) => p._def.type === "query")) {
      const generated = sample(inputSchema(p)!, "input", ids) as Record<string, unknown>;
      const fn = path.split(".").reduce<any>((node, key) => node[key], ownerCaller);
      await fn(COMPLETE[path]?.(generated) ?? generated).catch((e: unknown) => assert.notEqual((e as TRPCError).code, "NOT_FOUND", `${path} is NOT_FOUND for its owner too: the matrix input is not real`));
    }
  });
});

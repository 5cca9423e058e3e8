import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { SPEC } from "../helpers/pipeline";
import { callTrpc, createProject, newEmail, signUp } from "./helpers";
import { runCli } from "../helpers/cli";

/**
 * `agent-builder deploy` with --json, as a user runs it from the package's bin entry against the
 * running platform (local simulated account): plan (offline) → connect → apply --yes → status →
 * invoke → rollback --yes → destroy, and a destroy without the typed stack name refused.
 */
test.setTimeout(420_000);

const work = mkdtempSync(join(tmpdir(), "agent-builder-deploy-cli-"));
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

const cli = (args: string[]) => runCli(args, { cwd: work, env: { LLM_PROVIDER: "offline" } });

async function json<T>(args: string[]): Promise<T> {
  const r = await cli([...args, "--json"]);
  expect(r.code, `${args.join(" ")}\n${r.err}`).toBe(0);
  return JSON.parse(r.out) as T;
}

async function generateVersions(page: Page, projectId: string, prompts: string[]) {
  for (const [i, systemPrompt] of prompts.entries()) {
    await callTrpc(page, "generation.generate", { projectId, spec: { ...SPEC, systemPrompt } });
    await expect.poll(async () => ((await callTrpc(page, "generation.listVersions", { projectId }, "query")) as unknown[]).length, { timeout: 180_000 }).toBe(i + 1);
  }
  return (await callTrpc(page, "generation.listVersions", { projectId }, "query")) as { id: string; version: number }[];
}

type Deployment = { id: string; status: string; kind: string; version: number; stackName: string; outputs: Record<string, string> | null; changes: { action: string }[] | null };

test("plan, connect, apply, status, invoke, rollback and destroy from the CLI with --json", async ({ page, baseURL }) => {
  const specPath = join(work, "agent.json");
  writeFileSync(specPath, JSON.stringify(SPEC));
  expect((await cli(["generate", specPath, "--out", join(work, "agent"), "--no-lockfile", "--json"])).code).toBe(0);
  const plan = await json<{ stackName: string; resources: { type: string }[]; deployer: { resourceType: string | null; actions: string[]; source: string | null }[] }>(["deploy", "plan", join(work, "agent")]);
  expect(plan.stackName).toBe("support-bot-dev");
  expect(plan.deployer.filter((d) => d.resourceType !== null && d.source === null)).toEqual([]);

  await signUp(page, newEmail("deploy-cli"));
  const projectId = await createProject(page, "CLI deployable agent");
  const { token } = (await callTrpc(page, "token.create", { name: "cli" })) as { token: string };
  const tokenFile = join(work, "token");
  writeFileSync(tokenFile, token);
  const api = ["--url", baseURL!, "--token-file", tokenFile];
  const [v2, v1] = await generateVersions(page, projectId, ["You are version one.", "You are version two."]);

  const refused = await cli(["deploy", "apply", "--project", projectId, "--version", v1!.id, ...api, "--json"]);
  expect(refused.code).not.toBe(0);
  expect(refused.err).toContain("No AWS account is connected");

  const start = await json<{ externalId: string; template: { filename: string } }>(["deploy", "connect", "--region", "us-east-1", ...api]);
  expect(start.externalId.length).toBeGreaterThan(1);
  const connected = await json<{ permissions: { simulated: boolean } }>(["deploy", "connect", "--region", "us-east-1", "--local", ...api]);
  expect(connected.permissions.simulated).toBe(false);

  const first = await json<Deployment>(["deploy", "apply", "--project", projectId, "--version", v1!.id, "--yes", ...api]);
  expect(first.status).toBe("succeeded");
  expect(first.outputs && Object.values(first.outputs).join(" ")).toContain(":runtime/");
  const second = await json<Deployment>(["deploy", "apply", "--project", projectId, "--version", v2!.id, "--yes", ...api]);
  expect([second.status, second.version]).toEqual(["succeeded", 2]);
  const history = await json<Deployment[]>(["deploy", "status", "--project", projectId, ...api]);
  expect(history.map((h) => h.status)).toEqual(["succeeded", "succeeded"]);

  const answer = await json<{ output: string; latencyTotalMs: number }>(["deploy", "invoke", "--project", projectId, ...api, "hello from the CLI"]);
  expect(answer.output).toContain("hello from the CLI");

  const rolledBack = await json<Deployment>(["deploy", "rollback", "--project", projectId, "--yes", ...api]);
  expect([rolledBack.kind, rolledBack.status, rolledBack.version]).toEqual(["rollback", "succeeded", 1]);

  const unconfirmed = await cli(["deploy", "destroy", "--project", projectId, ...api, "--json"]);
  expect(unconfirmed.code).not.toBe(0);
  expect(unconfirmed.err).toContain("type the stack name");
  const destroyed = await json<Deployment>(["deploy", "destroy", "--project", projectId, "--confirm", "support-bot-dev", ...api]);
  expect(destroyed.status).toBe("destroyed");
});

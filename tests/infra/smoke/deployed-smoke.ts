/**
 * Post-deploy smoke test, run by .github/workflows/deploy.yml against the deployed URL:
 * the site answers, the API and its stores are healthy, a user can sign in, create a
 * project, generate a version through the whole pipeline (`generation.generate`, then
 * `modification.get` until done, then `generation.listVersions`), and the project is
 * deleted again. Exits non-zero on the first failure, which triggers the workflow's
 * rollback job.
 *
 * Usage: SMOKE_URL=https://... SMOKE_EMAIL=... SMOKE_PASSWORD=... npx tsx tests/infra/smoke/deployed-smoke.ts
 */
import { z } from "zod";
import type { ModificationView } from "../../../server/modifications/workers/queries";
import type { AgentSpecInput } from "../../../server/spec/agent-spec";
import type { VersionSummary } from "../../../server/versions/service";
import { HttpSession, TrpcError } from "./http-session";

export const SmokeOptions = z.object({
  SMOKE_URL: z.url(),
  SMOKE_EMAIL: z.email(),
  SMOKE_PASSWORD: z.string().min(8),
  SMOKE_TIMEOUT_MS: z.coerce.number().int().min(1000).default(10 * 60_000),
  SMOKE_POLL_MS: z.coerce.number().int().min(10).default(5000),
});
export type SmokeOptions = z.infer<typeof SmokeOptions>;

/**
 * A complete spec, so generation asks nothing and runs the whole PM → Dev → QA → Ops path.
 * Its model is a Bedrock model from the registry; generating does not call it.
 */
export const SMOKE_SPEC = {
  name: "smoke-agent",
  description: "Post-deploy smoke test: answers one question briefly.",
  systemPrompt: "You are a smoke test. Answer in one short sentence.",
  language: "python",
  model: { id: "amazon.nova-pro-v1:0" },
  deployment: { target: "agentcore" },
} satisfies AgentSpecInput;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls the modification until it is done; failed or cancelled fails the smoke test with its error. */
async function waitUntilDone(s: HttpSession, projectId: string, modificationId: string, o: SmokeOptions): Promise<ModificationView> {
  let last = "queued";
  for (const deadline = Date.now() + o.SMOKE_TIMEOUT_MS; Date.now() < deadline; await sleep(o.SMOKE_POLL_MS)) {
    const m = await s.query<ModificationView>("modification.get", { projectId, modificationId });
    if (m.status === "done") return m;
    if (m.status === "failed" || m.status === "cancelled") throw new Error(`generation ${m.status}: ${m.error ?? "no reason given"}`);
    last = m.status;
  }
  throw new Error(`generation not done after ${o.SMOKE_TIMEOUT_MS} ms (last status: ${last})`);
}

export async function runSmoke(o: SmokeOptions, log: (line: string) => void = console.log): Promise<void> {
  const s = new HttpSession(o.SMOKE_URL);
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    const value = await fn();
    log(`ok   ${name} (${Date.now() - started} ms)`);
    return value;
  };

  await step("site answers over HTTPS", async () => {
    const res = await s.fetch("/");
    if (res.status !== 200) throw new Error(`GET / answered ${res.status}`);
  });
  await step("API and stores are healthy", async () => {
    const health = await s.query<{ ok: boolean; runtime: string }>("health.check");
    if (!health.ok || health.runtime !== "aws") throw new Error(`health: ${JSON.stringify(health)}`);
  });
  await step("smoke account exists", async () => {
    await s.mutate("auth.signUp", { email: o.SMOKE_EMAIL, password: o.SMOKE_PASSWORD, name: "Smoke test" }).catch((e) => {
      if (!(e instanceof TrpcError && e.code === "CONFLICT")) throw e;
    });
  });
  await step("sign in", async () => {
    if (!(await s.signIn(o.SMOKE_EMAIL, o.SMOKE_PASSWORD))) throw new Error("no session cookie after sign-in");
    const me = await s.query<{ userId: string } | null>("auth.me");
    if (!me?.userId) throw new Error("auth.me has no user after sign-in");
  });
  const project = await step("create a project", () => s.mutate<{ id: string }>("project.create", { name: `smoke ${new Date().toISOString()}` }));
  try {
    await step("generate a verified version", async () => {
      const started = await s.mutate<ModificationView>("generation.generate", { projectId: project.id, spec: SMOKE_SPEC });
      const done = await waitUntilDone(s, project.id, started.modificationId, o);
      const versions = await s.query<VersionSummary[]>("generation.listVersions", { projectId: project.id });
      if (versions.length !== 1) throw new Error(`expected 1 version after generating, found ${versions.length}`);
      if (done.resultVersionId && versions[0]!.id !== done.resultVersionId) throw new Error(`the version is ${versions[0]!.id}, the modification made ${done.resultVersionId}`);
    });
  } finally {
    await step("delete the project", () => s.mutate("project.delete", { id: project.id }));
  }
}

if (process.argv[1]?.endsWith("deployed-smoke.ts")) {
  runSmoke(SmokeOptions.parse(process.env)).catch((e) => {
    console.error(`FAIL ${(e as Error).message}`);
    process.exit(1);
  });
}

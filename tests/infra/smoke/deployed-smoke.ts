/**
 * Post-deploy smoke test, run by .github/workflows/deploy.yml against the deployed URL:
 * the site answers, the API and its stores are healthy, a user can sign in, create a
 * project and generate, and the project is deleted again. Exits non-zero on the first
 * failure, which triggers the workflow's rollback job.
 *
 * Usage: SMOKE_URL=https://... SMOKE_EMAIL=... SMOKE_PASSWORD=... npx tsx tests/infra/smoke/deployed-smoke.ts
 */
import { z } from "zod";
import { HttpSession, TrpcError } from "./http-session";

export const SmokeOptions = z.object({
  SMOKE_URL: z.url(),
  SMOKE_EMAIL: z.email(),
  SMOKE_PASSWORD: z.string().min(8),
  /** The procedures that start a generation and report it; set when the generation router lands. */
  SMOKE_GENERATE_PATH: z.string().default("generation.start"),
  SMOKE_STATUS_PATH: z.string().default("generation.status"),
  SMOKE_TIMEOUT_MS: z.coerce.number().int().min(1000).default(10 * 60_000),
  SMOKE_POLL_MS: z.coerce.number().int().min(10).default(5000),
});
export type SmokeOptions = z.infer<typeof SmokeOptions>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
    await step("generate", async () => {
      await s.mutate(o.SMOKE_GENERATE_PATH, { projectId: project.id });
      for (const deadline = Date.now() + o.SMOKE_TIMEOUT_MS; Date.now() < deadline; await sleep(o.SMOKE_POLL_MS)) {
        const status = await s.query<{ status: string; error?: string }>(o.SMOKE_STATUS_PATH, { projectId: project.id });
        if (status.status === "ready") return;
        if (status.status === "failed") throw new Error(`generation failed: ${status.error ?? "no reason"}`);
      }
      throw new Error(`generation not ready after ${o.SMOKE_TIMEOUT_MS} ms`);
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

import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";

const BENCH_LIMITS = {
  EXPENSIVE_CALLS_PER_USER_MIN: "1000000",
  WRITE_CALLS_PER_USER_MIN: "1000000",
  READ_CALLS_PER_USER_MIN: "1000000",
  ANONYMOUS_CALLS_PER_IP_MIN: "1000000",
  SIGNUPS_PER_IP_HOUR: "1000000",
  PROJECTS_PER_USER: "1000000",
};

/** Starts `npm start`'s launcher on a fresh data dir and port; resolves once `/` answers 200. */
export async function startServer(port: number, dataDir: string, extraEnv: Record<string, string> = {}): Promise<{ child: ChildProcess; readyMs: number; stop: () => Promise<void> }> {
  rmSync(dataDir, { recursive: true, force: true });
  const started = performance.now();
  // BENCH_CPU_PROF=<dir>: the web process writes a V8 CPU profile there when it stops (bench/README.md).
  const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, "--import", "tsx", "server/local/start.ts"], {
    // Benchmarks measure throughput, not the abuse limits: one bench user makes thousands of calls.
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, SEED_DEMO: "false", LOG_LEVEL: "warn", ...BENCH_LIMITS, ...extraEnv },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error("server did not start in 120 s");
    const ok = await fetch(`http://localhost:${port}/`).then((r) => r.status === 200, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  const readyMs = performance.now() - started;
  const stop = () =>
    new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGINT");
    }).then(() => rmSync(dataDir, { recursive: true, force: true }));
  return { child, readyMs, stop };
}

/** The three requests of a browser's sign-up and sign-in. */
export type SignUpStep = "auth.signUp" | "csrf" | "credentials callback";

/**
 * Signs up and in over HTTP like a browser (CSRF token + credentials callback); returns the
 * session cookie. `timed`, given, gets each request's time (bench/signup.bench.ts).
 */
export async function signUpAndIn(base: string, email: string, password: string, timed?: (step: SignUpStep, ms: number) => void): Promise<string> {
  let lapStart = performance.now();
  const lap = (step: SignUpStep) => {
    const now = performance.now();
    timed?.(step, now - lapStart);
    lapStart = now;
  };
  await post(base, "auth.signUp", { email, password });
  lap("auth.signUp");
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  lap("csrf");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  lap("credentials callback");
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c?.includes("session-token"));
  if (!session) throw new Error("sign-in failed");
  return session;
}

export async function post(base: string, path: string, json: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/api/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json", origin: base, ...headers }, body: JSON.stringify({ json }) });
  const body = (await res.json()) as { result?: { data: { json: unknown } }; error?: unknown };
  if (!body.result) throw new Error(`${path} failed: ${JSON.stringify(body.error)}`);
  return body.result.data.json;
}

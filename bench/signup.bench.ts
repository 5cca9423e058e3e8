import { buildIfNeeded } from "../server/local/build";
import { signUpAndIn, startServer, type SignUpStep } from "./server-process";
import { percentile } from "./stats";

/**
 * Sign-up and sign-in under a burst (issue 16's load test showed 2.4–9.7 s p50 for them):
 * USERS (default 50, SIGNUP_USERS=n) arrive over two seconds, as in `load`, and each signs up
 * (tRPC `auth.signUp`: one argon2id hash), fetches the CSRF token and signs in through
 * next-auth's credentials callback (one argon2id verify, a JWT). Each step is timed on its own,
 * and `health.check` is probed every 50 ms meanwhile: its latency is what the burst does to
 * everyone else on the web process. BENCH_CPU_PROF=<dir> profiles the web process (one profile
 * per variant).
 */
const USERS = Number(process.env.SIGNUP_USERS ?? 50);
const PASSWORD = "bench password 123";

/** The burst on a fresh server per variant: argon2 as the library alone allows (4 at once, libuv's
 * pool size, as before the gate in server/auth/password.ts), then gated to 2 and to 1 at once. */
const VARIANTS: [string, Record<string, string>][] = [
  ["4 hashes at once", { PASSWORD_HASH_CONCURRENCY: "4" }],
  ["2 hashes at once", { PASSWORD_HASH_CONCURRENCY: "2" }],
  ["1 hash at once", { PASSWORD_HASH_CONCURRENCY: "1" }],
];

export async function run(): Promise<Record<string, number>> {
  buildIfNeeded(process.cwd(), process.env.NEXT_DIST_DIR ?? ".next");
  const figures: Record<string, number> = { users: USERS };
  for (const [name, env] of VARIANTS) Object.assign(figures, await burst(name, env));
  return figures;
}

async function burst(variant: string, env: Record<string, string>): Promise<Record<string, number>> {
  const port = 3296;
  const base = `http://localhost:${port}`;
  const server = await startServer(port, ".data-bench-signup", env);
  try {
    // Warm the routes once (Next loads a route's code on its first call), outside the figures.
    await signUpAndInTimed(base, `warm-${Date.now()}@bench.local`);
    const steps = { "auth.signUp": [] as number[], csrf: [] as number[], "credentials callback": [] as number[], "whole sign-up + sign-in": [] as number[] };
    const probe = probeHealth(base);
    const started = performance.now();
    await Promise.all(
      Array.from({ length: USERS }, async (_, i) => {
        await new Promise((r) => setTimeout(r, Math.random() * 2_000));
        const t = await signUpAndInTimed(base, `signup-${Date.now()}-${i}@bench.local`);
        for (const [k, v] of Object.entries(t)) steps[k as keyof typeof steps].push(v);
      }),
    );
    const figures: Record<string, number> = { [`${variant}: wall (ms)`]: Math.round(performance.now() - started) };
    for (const [name, list] of Object.entries({ ...steps, "health.check during the burst": await probe.stop() })) {
      list.sort((a, b) => a - b);
      figures[`${variant}: ${name} p50 (ms)`] = Math.round(percentile(list, 0.5));
      figures[`${variant}: ${name} p99 (ms)`] = Math.round(percentile(list, 0.99));
    }
    return figures;
  } finally {
    await server.stop();
  }
}

/** bench/server-process's signUpAndIn, each of its three requests timed, and the whole. */
async function signUpAndInTimed(base: string, email: string) {
  const steps = {} as Record<SignUpStep, number>;
  const started = performance.now();
  await signUpAndIn(base, email, PASSWORD, (step, ms) => (steps[step] = ms));
  return { ...steps, "whole sign-up + sign-in": performance.now() - started };
}

function probeHealth(base: string) {
  const latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const t = performance.now();
      await fetch(`${base}/api/trpc/health.check`).then((r) => r.arrayBuffer());
      latencies.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return latencies;
    },
  };
}

import autocannon from "autocannon";
import { buildIfNeeded } from "../server/local/build";
import { post, signUpAndIn, startServer } from "./server-process";

/**
 * Issue 3's HTTP target: `registry.models.list` (the whole registry, no filter) with an API
 * token at 50 connections for 10 s — p99 ≤ 30 ms — then `health.check` under the same load
 * as a baseline. Runs on its own port and data dir; the build dir is NEXT_DIST_DIR
 * (default .next), which the spawned server inherits.
 */
export async function run(): Promise<Record<string, number>> {
  buildIfNeeded(process.cwd(), process.env.NEXT_DIST_DIR ?? ".next");
  const port = 3291;
  const base = `http://localhost:${port}`;
  const server = await startServer(port, ".data-bench-registry");
  try {
    const cookie = await signUpAndIn(base, `bench-registry-${Date.now()}@bench.local`, "bench password 123");
    const { token } = (await post(base, "token.create", { name: "bench-registry" }, { cookie })) as { token: string };
    const url = `${base}/api/trpc/registry.models.list`;
    const headers = { authorization: `Bearer ${token}` };

    // One checked call first: the figures mean nothing if the answer is wrong.
    const res = await fetch(url, { headers });
    const text = await res.text();
    const body = JSON.parse(text) as { result?: { data: { json: { total: number; models: unknown[] } } } };
    const data = body.result?.data.json;
    if (res.status !== 200 || !data || data.models.length !== data.total || data.total < 60) throw new Error(`registry.models.list answered ${res.status}: ${text.slice(0, 200)}`);

    const result = await autocannon({ url, connections: 50, duration: 10, headers });
    if (result.non2xx > 0) throw new Error(`${result.non2xx} non-2xx answers`);
    // The same load on the cheapest procedure (no auth, tiny answer) separates what the
    // registry answer costs from what the server and the machine cost.
    const baseline = await autocannon({ url: `${base}/api/trpc/health.check`, connections: 50, duration: 10 });
    return {
      "registry.models.list req/s (50 conn)": Math.round(result.requests.average),
      "registry.models.list p50 (ms)": result.latency.p50,
      "registry.models.list p99 (ms)": result.latency.p99,
      // Socket errors and timeouts (autocannon's 10 s limit): counted, not hidden.
      "registry.models.list errors + timeouts": result.errors + result.timeouts,
      "registry.models.list models per answer": data.models.length,
      "registry.models.list answer size (kB)": Math.round(Buffer.byteLength(text) / 1024),
      "baseline health.check req/s (50 conn)": Math.round(baseline.requests.average),
      "baseline health.check p99 (ms)": baseline.latency.p99,
    };
  } finally {
    await server.stop();
  }
}

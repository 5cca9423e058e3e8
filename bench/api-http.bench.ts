import autocannon, { type Result } from "autocannon";
import { buildIfNeeded } from "../server/local/build";
import { measureBareHttp } from "./bare-http";
import { post, signUpAndIn, startServer } from "./server-process";

/**
 * Issue 16's API table: `health.check`, `project.list` with a token, the registry list (tRPC
 * and the cacheable /api/registry route) at 50 connections for 10 s each, every figure with
 * its ratio to a bare Node `http` server measured in the same run (the machine is shared and
 * noisy: judge changes by the ratios). Targets: health ≥ 3,000 req/s; project.list ≥ 1,000
 * req/s, p99 ≤ 50 ms; registry list p99 ≤ 50 ms, 0 errors.
 */
export async function run(): Promise<Record<string, number>> {
  buildIfNeeded(process.cwd(), process.env.NEXT_DIST_DIR ?? ".next");
  const port = 3292;
  const base = `http://localhost:${port}`;
  const server = await startServer(port, ".data-bench-api");
  try {
    const cookie = await signUpAndIn(base, `bench-api-${Date.now()}@bench.local`, "bench password 123");
    for (let i = 0; i < 20; i++) await post(base, "project.create", { name: `Bench project ${i}` }, { cookie });
    const { token } = (await post(base, "token.create", { name: "bench-api" }, { cookie })) as { token: string };
    const auth = { authorization: `Bearer ${token}` };
    const registry = await fetch(`${base}/api/registry/models`, { headers: auth });
    if (registry.status !== 200) throw new Error(`/api/registry/models answered ${registry.status}`);
    const versioned = base + registry.headers.get("content-location")!;
    const etag = registry.headers.get("etag")!;

    const bare = await measureBareHttp();
    const figures: Record<string, number> = { "bare node http req/s": Math.round(bare.requests.average), "bare node http p99 (ms)": bare.latency.p99 };
    const load: [string, string, Record<string, string>][] = [
      ["health.check", `${base}/api/trpc/health.check`, {}],
      ["project.list (token)", `${base}/api/trpc/project.list`, auth],
      // Any content-type sends a GET query through tRPC's adapter instead of the launcher's
      // plain-query path (server/local/query-answer.ts): the same call both ways, in one run.
      ["project.list (token, tRPC adapter)", `${base}/api/trpc/project.list`, { ...auth, "content-type": "application/json" }],
      ["registry.models.list (tRPC)", `${base}/api/trpc/registry.models.list`, auth],
      ["GET /api/registry/models/<v> gzip", versioned, { ...auth, "accept-encoding": "gzip, br" }],
      ["GET /api/registry/models 304", `${base}/api/registry/models`, { ...auth, "if-none-match": etag }],
    ];
    for (const [name, url, headers] of load) Object.assign(figures, describe(name, await autocannon({ url, connections: 50, duration: 10, headers }), bare));
    return figures;
  } finally {
    await server.stop();
  }
}

function describe(name: string, r: Result, bare: Result): Record<string, number> {
  return {
    [`${name} req/s`]: Math.round(r.requests.average),
    [`${name} req/s ÷ bare`]: Number((r.requests.average / bare.requests.average).toFixed(4)),
    [`${name} p50 (ms)`]: r.latency.p50,
    [`${name} p99 (ms)`]: r.latency.p99,
    [`${name} errors + timeouts`]: r.errors + r.timeouts,
    // autocannon counts a 304 as non-2xx: on the revalidation row every answer should be one.
    [`${name} non-2xx answers`]: r.non2xx,
  };
}

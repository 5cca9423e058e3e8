import autocannon from "autocannon";
import { buildIfNeeded } from "../server/local/build";
import { post, signUpAndIn, startServer } from "./server-process";

/**
 * Issue 2's targets: `npm start` on a built app to the first 200 on `/` (≤ 5 s), and
 * `project.list` over HTTP with an API token at 50 connections (p99 ≤ 50 ms, ≥ 500 req/s).
 */
export async function run(): Promise<Record<string, number>> {
  buildIfNeeded(process.cwd());
  const port = 3290;
  const base = `http://localhost:${port}`;
  const server = await startServer(port, ".data-bench");
  try {
    const cookie = await signUpAndIn(base, `bench-${Date.now()}@bench.local`, "bench password 123");
    for (let i = 0; i < 20; i++) await post(base, "project.create", { name: `Bench project ${i}` }, { cookie });
    const { token } = (await post(base, "token.create", { name: "bench" }, { cookie })) as { token: string };
    const result = await autocannon({
      url: `${base}/api/trpc/project.list`,
      connections: 50,
      duration: 10,
      headers: { authorization: `Bearer ${token}` },
    });
    if (result.non2xx > 0) throw new Error(`${result.non2xx} non-2xx answers`);
    return {
      "start to first 200 on / (ms)": Math.round(server.readyMs),
      "project.list req/s (50 conn)": Math.round(result.requests.average),
      "project.list p50 (ms)": result.latency.p50,
      "project.list p99 (ms)": result.latency.p99,
    };
  } finally {
    await server.stop();
  }
}

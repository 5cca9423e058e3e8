import { buildIfNeeded } from "../server/local/build";
import { post, signUpAndIn, startServer } from "./server-process";
import { SPEC as SAMPLE_SPEC } from "../tests/helpers/sample-spec";

/**
 * Issue 4's HTTP target: `generation.generate` over HTTP, cookie-authenticated like the
 * browser, including what it stores (the modification row, its event, the enqueued job):
 * p99 ≤ 150 ms, at a modest concurrency (one connection per project, 4 projects). The
 * workers run meanwhile, as they do in production, so the figure includes their load.
 *
 * Reported separately: the same call on an idle server (each request waits for the previous
 * version to be ready), and generate → version ready (PM → Dev → QA → Ops, end to end),
 * measured by polling `modification.get` every 20 ms (so ±20 ms).
 * Runs on its own port and data dir; the build dir is NEXT_DIST_DIR (default .next).
 */
const PORT = 3293;
const CONNECTIONS = 4;
const REQUESTS_PER_CONNECTION = 50;
const WARMUP = 10;
const END_TO_END_RUNS = 20;

/** Python, AgentCore + CloudFormation, 5 tools from the registry: the reference project. */
const SPEC = {
  ...SAMPLE_SPEC,
  tools: [
    { id: "http_request" },
    { id: "bedrock_knowledge_base", config: { knowledge_base_id: "KB12345" } },
    { id: "tavily" },
    { id: "mcp_aws_documentation" },
    { id: "file_read" },
  ],
};

type Modification = { modificationId: string; status: string; error: string | null };

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
};

async function query<T>(base: string, path: string, json: unknown, cookie: string): Promise<T> {
  const res = await fetch(`${base}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json }))}`, { headers: { cookie } });
  const body = (await res.json()) as { result?: { data: { json: T } }; error?: unknown };
  if (!body.result) throw new Error(`${path} failed: ${JSON.stringify(body.error)}`);
  return body.result.data.json;
}

async function generate(base: string, cookie: string, projectId: string): Promise<Modification> {
  const m = (await post(base, "generation.generate", { projectId, spec: SPEC }, { cookie })) as Modification;
  if (m.status !== "queued") throw new Error(`generate answered status ${m.status}`);
  return m;
}

async function waitUntilDone(base: string, cookie: string, projectId: string, modificationId: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const m = await query<Modification>(base, "modification.get", { projectId, modificationId }, cookie);
    if (m.status === "done") return;
    if (m.status === "failed" || m.status === "cancelled") throw new Error(`generation ${m.status}: ${m.error}`);
    if (Date.now() > deadline) throw new Error(`generation still ${m.status} after 120 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Cancels what the load left queued and waits for the jobs in flight, so the server stops
 * cleanly instead of closing its database under a running worker.
 */
async function drain(base: string, cookie: string, projectIds: string[]): Promise<void> {
  for (const projectId of projectIds) {
    const list = await query<Modification[]>(base, "modification.list", { projectId }, cookie);
    for (const m of list.filter((x) => x.status === "queued")) {
      await post(base, "modification.cancel", { projectId, modificationId: m.modificationId }, { cookie }).catch(() => undefined); // it may have started meanwhile
    }
  }
  const deadline = Date.now() + 120_000;
  for (;;) {
    const lists = await Promise.all(projectIds.map((projectId) => query<Modification[]>(base, "modification.list", { projectId }, cookie)));
    if (lists.flat().every((m) => ["done", "failed", "cancelled"].includes(m.status))) return;
    if (Date.now() > deadline) throw new Error("the pipeline did not settle in 120 s after the load");
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function run(): Promise<Record<string, number>> {
  buildIfNeeded(process.cwd(), process.env.NEXT_DIST_DIR ?? ".next");
  const base = `http://localhost:${PORT}`;
  const server = await startServer(PORT, ".data-bench-gen");
  try {
    const cookie = await signUpAndIn(base, `bench-gen-${Date.now()}@bench.local`, "bench password 123");
    const newProject = async (name: string) => ((await post(base, "project.create", { name }, { cookie })) as { id: string }).id;

    // Generate → version ready, one at a time on an idle server (the first also warms it up).
    const e2eProject = await newProject("Bench end to end");
    const endToEnd: number[] = [];
    const idle: number[] = [];
    for (let i = 0; i <= END_TO_END_RUNS; i++) {
      const t0 = performance.now();
      const m = await generate(base, cookie, e2eProject);
      const answered = performance.now();
      await waitUntilDone(base, cookie, e2eProject, m.modificationId);
      if (i === 0) continue;
      idle.push(answered - t0);
      endToEnd.push(performance.now() - t0);
    }
    const versions = await query<unknown[]>(base, "generation.listVersions", { projectId: e2eProject }, cookie);
    if (versions.length !== END_TO_END_RUNS + 1) throw new Error(`expected ${END_TO_END_RUNS + 1} versions, found ${versions.length}`);

    // generate over HTTP: one connection per project, requests back to back.
    const projects = await Promise.all(Array.from({ length: CONNECTIONS }, (_, i) => newProject(`Bench load ${i}`)));
    for (let i = 0; i < WARMUP; i++) await generate(base, cookie, projects[i % CONNECTIONS]!);
    const latencies: number[] = [];
    const started = performance.now();
    await Promise.all(
      projects.map(async (projectId) => {
        for (let i = 0; i < REQUESTS_PER_CONNECTION; i++) {
          const t0 = performance.now();
          await generate(base, cookie, projectId);
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    await drain(base, cookie, projects);

    return {
      [`generation.generate p50 (ms, ${CONNECTIONS} conn)`]: percentile(latencies, 50),
      [`generation.generate p99 (ms, ${CONNECTIONS} conn)`]: percentile(latencies, 99),
      "generation.generate max (ms)": percentile(latencies, 100),
      "generation.generate req/s": Math.round((latencies.length / seconds) * 10) / 10,
      "generation.generate requests": latencies.length,
      "generation.generate on an idle server p50 (ms)": percentile(idle, 50),
      "generation.generate on an idle server p99 (ms)": percentile(idle, 99),
      "generate → version ready p50 (ms)": percentile(endToEnd, 50),
      "generate → version ready max (ms)": percentile(endToEnd, 100),
    };
  } finally {
    await server.stop();
  }
}

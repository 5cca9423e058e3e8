import { createTRPCClient, httpBatchStreamLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "../server/api/root";
import { buildIfNeeded } from "../server/local/build";
import { SPEC } from "../tests/helpers/sample-spec";
import { subscribeLikeAPage } from "./load-realtime";
import { cpuMeter } from "./process-cpu";
import { signUpAndIn, startServer } from "./server-process";

/**
 * `npm run bench load`: simulated users on loopback against `npm start`'s processes, each
 * signing in, browsing, holding a realtime subscription to its project, talking to the
 * consultation, generating, requesting changes and test-running with the mock model, with a
 * pause between actions. Prints per-procedure p50/p99 and errors, and realtime events lost
 * (stored, but not seen by the page's live subscription within 10 s: bench/load-realtime.ts). Default 50 users × 60 s; `LOAD_USERS`, `LOAD_SECONDS`
 * change it, and `LOAD_LONG=1` is the long run (200 users × 10 min). `LOAD_MIX=reads` makes every
 * action a browse (the web tier alone, no generation or test runs competing for the cores).
 * It also prints how many cores the product's processes kept busy: a run at about every core
 * the machine has was CPU-bound, and its latencies are queueing for CPU (bench/process-cpu.ts).
 */
const LONG = process.env.LOAD_LONG === "1";
const USERS = Number(process.env.LOAD_USERS ?? (LONG ? 200 : 50));
const SECONDS = Number(process.env.LOAD_SECONDS ?? (LONG ? 600 : 60));
const THINK_MS = 1_000;
const READS_ONLY = process.env.LOAD_MIX === "reads";

const READS = ["project.list", "project.get", "modification.list", "GET /api/registry/models", "consultation.get", "generation.listVersions"] as const;
const ENQUEUEING = ["generation.generate", "modification.request", "testing.run"] as const;

type Client = ReturnType<typeof createTRPCClient<AppRouter>>;
let origin = "";
const timings = new Map<string, number[]>();
const errors = new Map<string, number>();

/** Times a call; an error counts against it, except one `rethrow` picks out for the caller to handle. */
async function timed<T>(name: string, call: () => Promise<T>, rethrow: (e: unknown) => boolean = () => false): Promise<T | undefined> {
  const start = performance.now();
  try {
    const value = await call();
    record(name, performance.now() - start);
    return value;
  } catch (e) {
    if (rethrow(e)) throw e;
    failed(name, e instanceof Error ? e.message : String(e));
    return undefined;
  }
}

export async function run(): Promise<Record<string, number>> {
  buildIfNeeded(process.cwd(), process.env.NEXT_DIST_DIR ?? ".next");
  const port = 3295;
  const base = `http://127.0.0.1:${port}`;
  // The site's origin as the server knows it (NEXTAUTH_URL): cookie-authenticated mutations and
  // WebSocket upgrades from any other origin are refused as cross-site (server/auth/same-origin.ts).
  origin = `http://localhost:${port}`;
  const server = await startServer(port, ".data-bench-load");
  const deadline = Date.now() + SECONDS * 1000;
  const cpu = cpuMeter(server.child.pid!);
  try {
    const users = await Promise.all(Array.from({ length: USERS }, (_, i) => user(base, i, deadline)));
    const used = cpu();
    const lost = users.reduce((n, u) => n + u.lost, 0);
    const received = users.reduce((n, u) => n + u.received, 0);
    const figures: Record<string, number> = {
      users: USERS,
      seconds: SECONDS,
      "mix (1 = reads only)": READS_ONLY ? 1 : 0,
      "machine cores": used.cores,
      "product CPU (core-seconds)": used.productCpuSeconds ?? -1,
      "product cores busy on average": used.productCoresBusy ?? -1,
      "machine cores busy on average (all processes)": used.machineCoresBusy ?? -1,
      ...Object.fromEntries(Object.entries(used.byPart).map(([part, s]) => [`product CPU: ${part} (core-seconds)`, s])),
      "realtime events received live": received,
      "realtime events lost": lost,
      "realtime reconnects": reconnects,
      "consultation.send conflicts (refetched, sent again)": conflictsRetried,
    };
    for (const [name, list] of [...timings].sort()) {
      list.sort((a, b) => a - b);
      figures[`${name} calls`] = list.length;
      figures[`${name} p50 (ms)`] = Math.round(pct(list, 0.5));
      figures[`${name} p99 (ms)`] = Math.round(pct(list, 0.99));
    }
    // The targets: p99 ≤ 150 ms for reads, ≤ 1 s for mutations that enqueue work.
    const worstP99 = (names: readonly string[]) => Math.max(0, ...names.map((n) => figures[`${n} p99 (ms)`] ?? 0));
    figures["reads: worst p99 (ms; target ≤ 150)"] = worstP99(READS);
    figures["mutations that enqueue: worst p99 (ms; target ≤ 1000)"] = worstP99(ENQUEUEING);
    for (const [name, n] of errors) figures[`${name} errors`] = n;
    figures["errors (all)"] = [...errors.values()].reduce((a, b) => a + b, 0);
    return figures;
  } finally {
    await server.stop();
  }
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One simulated user for the whole run; returns what its realtime subscription saw. */
async function user(base: string, i: number, deadline: number): Promise<{ received: number; lost: number }> {
  await sleep(Math.random() * 2_000); // users arrive over two seconds, not in one burst
  const cookie = await timed("sign up + sign in", () => signUpAndIn(base, `load-${Date.now()}-${i}@bench.local`, "bench password 123"));
  if (!cookie) return { received: 0, lost: 0 };
  const client: Client = createTRPCClient<AppRouter>({ links: [httpBatchStreamLink({ url: `${base}/api/trpc`, transformer: superjson, headers: { cookie, origin } })] });
  const project = await timed("project.create", () => client.project.create.mutate({ name: `Load ${i}` }));
  if (!project) return { received: 0, lost: 0 };
  const live = subscribeLikeAPage(base.replace("http", "ws") + "/realtime", { cookie, origin }, project.id, realtimeCounters);
  let versionId: string | undefined;
  while (Date.now() < deadline) {
    const roll = READS_ONLY ? 0 : Math.random();
    if (roll < 0.55) await browse(base, client, cookie, project.id);
    else if (roll < 0.7) await consultationTurn(client, project.id);
    else if (roll < 0.8) await timed("generation.generate", () => client.generation.generate.mutate({ projectId: project.id, spec: SPEC }));
    else if (roll < 0.9) await timed("modification.request", () => client.modification.request.mutate({ projectId: project.id, request: "deploy on Lambda instead" }));
    else {
      versionId ??= (await timed("generation.listVersions", () => client.generation.listVersions.query({ projectId: project.id })))?.[0]?.id;
      if (versionId) await timed("testing.run", () => client.testing.run.mutate({ projectId: project.id, versionId: versionId!, input: "Where is my order 42?" }));
    }
    await sleep(THINK_MS * (0.5 + Math.random()));
  }
  try {
    const { received, lost } = await live.finish();
    if (lost.length > 0) console.error(`lost on ${project.id}: seq ${lost.join(", ")}`);
    return { received, lost: lost.length };
  } catch (e) {
    failed("realtime final check", String(e));
    return { received: 0, lost: 0 };
  }
}

const record = (name: string, ms: number) => (timings.get(name) ?? timings.set(name, []).get(name)!).push(ms);
const failed = (name: string, message: string) => {
  errors.set(name, (errors.get(name) ?? 0) + 1);
  if ((errors.get(name) ?? 0) <= 3) console.error(`${name}: ${message}`.slice(0, 300));
};
const realtimeCounters = {
  onError: (message: string) => failed("realtime socket", message),
  onSubscribed: (ms: number) => record("realtime subscribe (upgrade → replayed)", ms),
  onReconnect: () => (reconnects += 1),
};
let reconnects = 0;
let conflictsRetried = 0;

async function browse(base: string, client: Client, cookie: string, projectId: string) {
  await timed("project.list", () => client.project.list.query());
  await timed("project.get", () => client.project.get.query({ id: projectId }));
  await timed("modification.list", () => client.modification.list.query({ projectId }));
  await timed("GET /api/registry/models", async () => {
    const res = await fetch(`${base}/api/registry/models`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`registry answered ${res.status}`);
    await res.arrayBuffer();
  });
}

/**
 * A consultation turn as the product's tab does it: read the state, send with its `rev`.
 * The user's own generate or change request can move the rev in between (CONFLICT, nothing
 * stored); the tab then offers Reload, and the user sends again — so does the bench, up to
 * three times, counting each conflict; only a send that never lands is an error.
 */
async function consultationTurn(client: Client, projectId: string) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    const state = await timed("consultation.get", () => client.consultation.get.query({ projectId }));
    if (!state) return;
    const send = async () => {
      let end: string | undefined;
      for await (const event of await client.consultation.send.mutate({ projectId, message: "It answers order questions for about 300 customers a day.", rev: state.state.rev })) {
        if (event.type === "done" || event.type === "failed") end = event.type;
      }
      if (end !== "done") throw new Error(`reply ended with ${end ?? "nothing"}`);
    };
    try {
      return await timed("consultation.send (whole reply)", send, (e) => attempt < 3 && isConflict(e));
    } catch {
      conflictsRetried += 1;
    }
  }
}

const isConflict = (e: unknown) => (e as { data?: { code?: string } } | null)?.data?.code === "CONFLICT";

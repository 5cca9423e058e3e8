import { createTRPCClient, httpBatchStreamLink } from "@trpc/client";
import superjson from "superjson";
import WebSocket from "ws";
import type { AppRouter } from "../server/api/root";
import { buildIfNeeded } from "../server/local/build";
import { SPEC } from "../tests/helpers/sample-spec";
import { signUpAndIn, startServer } from "./server-process";

/**
 * `npm run bench load`: simulated users on loopback against `npm start`'s processes, each
 * signing in, browsing, holding a realtime subscription to its project, talking to the
 * consultation, generating, requesting changes and test-running with the mock model, with a
 * pause between actions. Prints per-procedure p50/p99 and errors, and realtime events lost
 * (stored but never pushed live). Default 50 users × 60 s; `LOAD_USERS`, `LOAD_SECONDS`
 * change it, and `LOAD_LONG=1` is the long run (200 users × 10 min).
 */
const LONG = process.env.LOAD_LONG === "1";
const USERS = Number(process.env.LOAD_USERS ?? (LONG ? 200 : 50));
const SECONDS = Number(process.env.LOAD_SECONDS ?? (LONG ? 600 : 60));
const THINK_MS = 1_000;

const READS = ["project.list", "project.get", "modification.list", "GET /api/registry/models", "consultation.get", "generation.listVersions"] as const;
const ENQUEUEING = ["generation.generate", "modification.request", "testing.run"] as const;

type Client = ReturnType<typeof createTRPCClient<AppRouter>>;
let origin = "";
const timings = new Map<string, number[]>();
const errors = new Map<string, number>();

async function timed<T>(name: string, call: () => Promise<T>): Promise<T | undefined> {
  const start = performance.now();
  try {
    const value = await call();
    (timings.get(name) ?? timings.set(name, []).get(name)!).push(performance.now() - start);
    return value;
  } catch (e) {
    errors.set(name, (errors.get(name) ?? 0) + 1);
    if ((errors.get(name) ?? 0) <= 3) console.error(`${name}: ${e instanceof Error ? e.message : String(e)}`.slice(0, 300));
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
  try {
    const users = await Promise.all(Array.from({ length: USERS }, (_, i) => user(base, i, deadline)));
    const lost = users.reduce((n, u) => n + u.lost, 0);
    const received = users.reduce((n, u) => n + u.received, 0);
    const figures: Record<string, number> = { users: USERS, seconds: SECONDS, "realtime events received live": received, "realtime events lost": lost };
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
  const live = subscribe(base, cookie, project.id);
  let versionId: string | undefined;
  while (Date.now() < deadline) {
    const roll = Math.random();
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
  return live.finish();
}

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

async function consultationTurn(client: Client, projectId: string) {
  const state = await timed("consultation.get", () => client.consultation.get.query({ projectId }));
  if (!state) return;
  await timed("consultation.send (whole reply)", async () => {
    let end: string | undefined;
    for await (const event of await client.consultation.send.mutate({ projectId, message: "It answers order questions for about 300 customers a day.", rev: state.state.rev })) {
      if (event.type === "done" || event.type === "failed") end = event.type;
    }
    if (end !== "done") throw new Error(`reply ended with ${end ?? "nothing"}`);
  });
}

/**
 * A realtime subscription held for the whole run. At the end a fresh subscription replays
 * what was stored; every stored event the live one never received counts as lost.
 */
function subscribe(base: string, cookie: string, projectId: string) {
  const url = base.replace("http", "ws") + "/realtime";
  const seen = new Set<number>();
  const open = (onEvent: (seq: number) => void) => {
    const ws = new WebSocket(url, { headers: { cookie, origin } });
    ws.on("open", () => ws.send(JSON.stringify({ type: "subscribe", projectId, afterSeq: 0 })));
    ws.on("message", (data) => {
      const m = JSON.parse(String(data)) as { type: string; event?: { seq: number } };
      if (m.type === "event" && m.event) onEvent(m.event.seq);
    });
    ws.on("error", () => errors.set("realtime socket", (errors.get("realtime socket") ?? 0) + 1));
    return ws;
  };
  const ws = open((seq) => seen.add(seq));
  return {
    async finish() {
      await sleep(3_000); // the last jobs' events
      ws.close();
      const stored = new Set<number>();
      const check = open((seq) => stored.add(seq));
      await sleep(2_000);
      check.close();
      return { received: seen.size, lost: [...stored].filter((s) => !seen.has(s)).length };
    },
  };
}

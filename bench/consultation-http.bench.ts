import { createTRPCClient, httpBatchStreamLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "../server/api/root";
import { buildIfNeeded } from "../server/local/build";
import { post, signUpAndIn, startServer } from "./server-process";
import { percentile } from "./stats";

/**
 * Issue 6's UI target: from sending a chat message to the first streamed token of the
 * PM's reply over HTTP (`consultation.send` through httpBatchStreamLink, as the browser
 * does), with the offline model, on localhost — target ≤ 150 ms. Also the time to the
 * `accepted` event (message stored, draft extracted and saved) and to the whole reply.
 * Each project takes a short conversation, so the extraction reads a realistic history.
 */
const PROJECTS = 6;
const WARMUP_SENDS = 4;

const CONVERSATION = [
  "A scheduling assistant for our dental clinic that books, moves and cancels appointments through our booking system's REST API and sends reminders. It must reply within 2 seconds.",
  "about 400 requests a day",
  "$75 a month",
  "Deploy it on Lambda in Frankfurt, please.",
  "Call it dental-desk.",
  "Actually we expect closer to 900 requests a day.",
];

const round = (n: number) => Math.round(n * 10) / 10;

export async function run(): Promise<Record<string, number>> {
  buildIfNeeded(process.cwd(), process.env.NEXT_DIST_DIR ?? ".next");
  const port = 3294;
  const base = `http://localhost:${port}`;
  const server = await startServer(port, ".data-bench-consult");
  try {
    const cookie = await signUpAndIn(base, `bench-consult-${Date.now()}@bench.local`, "bench password 123");
    const client = createTRPCClient<AppRouter>({
      links: [httpBatchStreamLink({ url: `${base}/api/trpc`, transformer: superjson, headers: { cookie, origin: base } })],
    });
    const accepted: number[] = [];
    const firstToken: number[] = [];
    const whole: number[] = [];
    let sends = 0;
    for (let p = 0; p < PROJECTS; p++) {
      const { id: projectId } = (await post(base, "project.create", { name: `Bench consult ${p}` }, { cookie })) as { id: string };
      let rev = (await client.consultation.get.query({ projectId })).state.rev;
      for (const message of CONVERSATION) {
        const start = performance.now();
        let t: { accepted?: number; first?: number } = {};
        let end: string | undefined;
        for await (const event of await client.consultation.send.mutate({ projectId, message, rev })) {
          const now = performance.now() - start;
          if (event.type === "accepted") (t.accepted = now), (rev = event.state.rev);
          if (event.type === "text" && t.first === undefined) t.first = now;
          if (event.type === "done" || event.type === "failed") end = event.type;
        }
        // Figures mean nothing if the reply did not arrive whole.
        if (end !== "done" || t.accepted === undefined || t.first === undefined) throw new Error(`send ${sends} ended with ${end ?? "no end event"}`);
        if (sends++ >= WARMUP_SENDS) {
          accepted.push(t.accepted);
          firstToken.push(t.first);
          whole.push(performance.now() - start);
        }
        t = {};
      }
    }
    for (const list of [accepted, firstToken, whole]) list.sort((a, b) => a - b);
    return {
      "send → first token p50 (ms)": round(percentile(firstToken, 0.5)),
      "send → first token p95 (ms)": round(percentile(firstToken, 0.95)),
      "send → accepted (stored, extracted) p50 (ms)": round(percentile(accepted, 0.5)),
      "send → whole reply p50 (ms)": round(percentile(whole, 0.5)),
      "sends measured": firstToken.length,
    };
  } finally {
    await server.stop();
  }
}

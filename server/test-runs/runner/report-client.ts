import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "../../api/root";
import { log } from "../../log";
import type { RunEvent, RunOutcome } from "../types";

/**
 * The runner task's line to the app: fetches its job and posts its events in small batches
 * (every REPORT_EVERY_MS) and then its outcome, all with the run's one-time token.
 */

const REPORT_EVERY_MS = 250;
const BATCH = 100;

export function reportClient(appUrl: string, runId: string, token: string) {
  const client = createTRPCClient<AppRouter>({ links: [httpLink({ url: new URL("/api/trpc", appUrl).toString(), transformer: superjson })] });
  let pending: RunEvent[] = [];
  let chain = Promise.resolve();
  const send = (events: RunEvent[], outcome?: RunOutcome) => {
    chain = chain
      .then(() => client.testing.runner.report.mutate({ runId, token, events, outcome }))
      .then(() => undefined)
      .catch((e: unknown) => log.warn("runner report failed", { runId, error: String(e) }));
    return chain;
  };
  const flush = () => {
    while (pending.length > 0) send(pending.splice(0, BATCH));
  };
  const timer = setInterval(flush, REPORT_EVERY_MS);
  return {
    job: () => client.testing.runner.job.mutate({ runId, token }),
    decisions: () => client.testing.runner.decisions.query({ runId, token }),
    event: (e: RunEvent) => void pending.push(e),
    async finish(outcome: RunOutcome) {
      clearInterval(timer);
      flush();
      await send([], outcome);
      pending = [];
    },
  };
}

import { log } from "../log";
import type { Platform } from "../platform/types";
import { advanceDeployment } from "./driver";
import { isTerminal } from "./machine";
import { listActiveDeployments } from "./store";

/**
 * Keeps stepping a deployment until it ends or waits for the user (review). One watcher per
 * deployment per process; the database holds the state, so after a restart the sweeper calls
 * resumeDeployments and watching continues where it was.
 */
const watching = new Set<string>();

const pollMs = (p: Platform) => (p.runtime === "aws" ? 3000 : 200);

export function watchDeployment(p: Platform, id: string): Promise<void> {
  if (watching.has(id)) return Promise.resolve();
  watching.add(id);
  return (async () => {
    try {
      for (;;) {
        const d = await advanceDeployment(p, id);
        if (!d || isTerminal(d.status) || d.status === "review") return;
        await new Promise((r) => setTimeout(r, pollMs(p)));
      }
    } catch (e) {
      log.warn("deployment watcher stopped", { id, error: String(e) });
    } finally {
      watching.delete(id);
    }
  })();
}

/** Resumes every unfinished deployment not waiting for review (the sweeper, on start and periodically). */
export async function resumeDeployments(p: Platform): Promise<number> {
  const active = (await listActiveDeployments(p.db)).filter((d) => d.status !== "review" && !watching.has(d.id));
  for (const d of active) void watchDeployment(p, d.id);
  return active.length;
}

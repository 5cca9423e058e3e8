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
const watching = new Map<string, Promise<void>>();
let stopping = false;

const pollMs = (p: Platform) => (p.runtime === "aws" ? 3000 : 200);

export function watchDeployment(p: Platform, id: string): Promise<void> {
  const running = watching.get(id);
  if (running) return running;
  if (stopping) return Promise.resolve();
  const loop = (async () => {
    try {
      while (!stopping) {
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
  watching.set(id, loop);
  return loop;
}

/** Resumes every unfinished deployment not waiting for review (the sweeper, on start and periodically). */
export async function resumeDeployments(p: Platform): Promise<number> {
  const active = (await listActiveDeployments(p.db)).filter((d) => d.status !== "review" && !watching.has(d.id));
  for (const d of active) void watchDeployment(p, d.id);
  return active.length;
}

/**
 * Stops every watcher in this process after its current step, before the platform closes
 * (a step interrupted later is resumed from the database by the next start's sweep).
 */
export async function stopWatchingDeployments(): Promise<void> {
  stopping = true;
  await Promise.all(watching.values());
  stopping = false;
}

import { log } from "../log";
import type { Platform } from "../platform/types";
import { advanceDeployment } from "./driver";
import { listActiveDeployments } from "./store";

/**
 * Steps every unfinished deployment that is not waiting for review, round after round, until
 * none is left or the time budget ends. The scheduled sweeper's driver in aws mode, where no
 * process lives long enough to keep a watcher (watch.ts) going: each step is a conditional
 * write from the state it read, so it and a live watcher never apply a step twice.
 */
export async function stepActiveDeployments(p: Platform, o: { budgetMs: number; pollMs: number }): Promise<number> {
  const deadline = Date.now() + o.budgetMs;
  let steps = 0;
  for (;;) {
    const active = (await listActiveDeployments(p.db)).filter((d) => d.status !== "review");
    for (const d of active) {
      await advanceDeployment(p, d.id).catch((e: unknown) => log.warn("sweeper could not step a deployment", { id: d.id, error: String(e) }));
      steps++;
    }
    if (active.length === 0 || Date.now() + o.pollMs >= deadline) return steps;
    await new Promise((r) => setTimeout(r, o.pollMs));
  }
}

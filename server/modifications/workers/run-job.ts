import { getModification, type Modification } from "../../dynamo/modification-repo";
import { DomainError } from "../../errors";
import type { QueueName } from "../../platform/types";
import type { PipelineDeps } from "./deps";
import { isTerminal, OWNER, type JobMessage } from "./job";
import { forward } from "./forward";
import { enqueueOwner, kickProject, oldestActive } from "./lifecycle";
import { transition } from "./transitions";
import { runDev } from "./step-dev";
import { runOps } from "./step-ops";
import { runPm } from "./step-pm";
import { runQa } from "./step-qa";

const STEPS: Record<QueueName, (deps: PipelineDeps, m: Modification) => Promise<Modification>> = { pm: runPm, dev: runDev, qa: runQa, ops: runOps };

/**
 * Runs one job. Every delivery is safe to repeat: a job for a finished modification, or for
 * a step that already happened, does no work and just (re)enqueues whoever owns the
 * modification now; a step's write is conditional on the revision it read. Only the step
 * itself can fail a delivery: handing on to the next job never does (see forward). Returns
 * the modification's QA round count (for metrics).
 */
export async function runJob(deps: PipelineDeps, message: JobMessage): Promise<number> {
  const m = await getModification(deps.platform.dynamo, message.modificationId);
  // Never succeeds: its deliveries run out and it lands in the dead-letter queue.
  if (!m || m.projectId !== message.projectId) throw new Error(`modification ${message.modificationId} does not exist in project ${message.projectId}`);
  if (isTerminal(m.status)) return m.qaLoops;

  // One modification at a time per project, oldest first.
  const head = await oldestActive(deps.platform, m.projectId);
  if (head && head.modificationId !== m.modificationId) return forward(m.modificationId, () => enqueueOwner(deps.platform, head)).then(() => m.qaLoops);
  if (OWNER[m.status] !== message.role) return forward(m.modificationId, () => enqueueOwner(deps.platform, m)).then(() => m.qaLoops);

  let next: Modification;
  try {
    next = await STEPS[message.role](deps, m);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    if (e.code === "conflict") {
      // Another delivery of this job won the race; make sure the chain continues from its result.
      const fresh = await getModification(deps.platform.dynamo, m.modificationId);
      if (fresh && !isTerminal(fresh.status)) await forward(m.modificationId, () => enqueueOwner(deps.platform, fresh));
      return m.qaLoops;
    }
    // A domain failure (incomplete spec, invalid plan) will not heal by retrying: fail visibly.
    const fresh = (await getModification(deps.platform.dynamo, m.modificationId)) ?? m;
    next = await transition(deps, fresh, { status: "failed", error: e.message }, "failed");
  }
  await forward(next.modificationId, () => (isTerminal(next.status) ? kickProject(deps.platform, next.projectId) : enqueueOwner(deps.platform, next)));
  return next.qaLoops;
}

/**
 * After the last allowed delivery: mark the modification failed with the reason, so nobody
 * waits on it. False when there is no such modification (the job was never a real one).
 */
export async function failAfterRetries(deps: PipelineDeps, message: JobMessage, error: unknown): Promise<boolean> {
  const m = await getModification(deps.platform.dynamo, message.modificationId);
  if (!m || m.projectId !== message.projectId) return false;
  if (isTerminal(m.status)) return true;
  const reason = error instanceof Error ? error.message : String(error);
  await transition(deps, m, { status: "failed", error: `The ${message.role.toUpperCase()} worker failed repeatedly: ${reason}` }, "failed");
  await forward(m.modificationId, () => kickProject(deps.platform, m.projectId));
  return true;
}

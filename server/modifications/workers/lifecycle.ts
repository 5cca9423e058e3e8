import { z } from "zod";
import { createModification, getModification, listModifications, listModificationsByStatus, type Modification } from "../../dynamo/modification-repo";
import { DomainError, notFound } from "../../errors";
import { createId } from "../../ids";
import { log } from "../../log";
import type { Platform } from "../../platform/types";
import { publishEvent } from "../../realtime/publish";
import { ACTIVE, isTerminal, OWNER, type JobMessage } from "./job";
import { transition } from "./transitions";
import type { PipelineDeps } from "./deps";

export const MAX_REQUEST_CHARS = 2_000;
export const ModificationRequest = z.object({
  projectId: z.string().regex(/^prj_[0-9a-z]{26}$/, "is not a project id"),
  request: z
    .string()
    .trim()
    .min(1, "is required")
    .max(MAX_REQUEST_CHARS, `must be at most ${MAX_REQUEST_CHARS} characters`)
    .refine((s) => (s as string & { isWellFormed(): boolean }).isWellFormed(), "contains invalid Unicode"),
});

/**
 * Stores the modification first (status queued), then starts the project's pipeline if
 * nothing is ahead of it. A failed send loses nothing: the sweeper re-enqueues every
 * non-terminal modification (recoverPending).
 */
export async function requestModification(
  platform: Platform,
  ownerId: string,
  input: { projectId: string; request: string; kind?: Modification["kind"]; spec?: unknown },
): Promise<Modification> {
  const modification = await createModification(platform.dynamo, {
    modificationId: createId("modification"),
    projectId: input.projectId,
    ownerId,
    kind: input.kind ?? "change",
    request: input.request,
    spec: input.spec,
    requestId: createId("job"),
    status: "queued",
  });
  await publishEvent(platform, input.projectId, "modification.updated", { modificationId: modification.modificationId, request: modification.request, status: "queued", qaLoops: 0 });
  await kickProject(platform, input.projectId).catch((e) => log.warn("enqueue failed; the sweeper will retry", { modificationId: modification.modificationId, error: String(e) }));
  return modification;
}

/** Only a queued modification can be cancelled; once a worker has it, it runs to done or failed. */
export async function cancelModification(deps: Pick<PipelineDeps, "platform">, ownerId: string, projectId: string, modificationId: string): Promise<Modification> {
  const current = await getModification(deps.platform.dynamo, modificationId);
  if (!current || current.projectId !== projectId || current.ownerId !== ownerId) throw notFound("Modification", modificationId);
  if (current.status !== "queued") throw new DomainError("conflict", `The modification is ${current.status}; only a queued one can be cancelled`);
  const cancelled = await transition(deps, current, { status: "cancelled", error: "cancelled by the user" });
  await kickProject(deps.platform, projectId);
  return cancelled;
}

export const ModificationAnswers = z.record(z.string().regex(/^([a-z][a-z0-9_-]*\.)?[a-z][a-z0-9_]*$/, "is not a setting name"), z.string().trim().min(1).max(2_000)).refine((a) => Object.keys(a).length > 0 && Object.keys(a).length <= 20, "give 1 to 20 answers");

/** Answers the settings a "needs-input" modification asked for and resumes the SAME modification from planning. */
export async function answerModification(deps: Pick<PipelineDeps, "platform">, ownerId: string, projectId: string, modificationId: string, answers: Record<string, string>): Promise<Modification> {
  const current = await getModification(deps.platform.dynamo, modificationId);
  if (!current || current.projectId !== projectId || current.ownerId !== ownerId) throw notFound("Modification", modificationId);
  if (current.status !== "needs-input") throw new DomainError("conflict", `The modification is ${current.status}; only one that needs input can be answered`);
  const resumed = await transition(deps, current, { status: "queued", answers: { ...(current.answers ?? {}), ...answers } }, "answered; PM plans again");
  await kickProject(deps.platform, projectId);
  return resumed;
}

/**
 * Enqueues the job for the OLDEST non-terminal modification of a project, for the worker
 * that owns its status: one modification at a time per project, in request order.
 * Idempotent: the dedup id names the modification, its status and revision.
 */
export async function kickProject(platform: Platform, projectId: string): Promise<void> {
  const oldest = await oldestActive(platform, projectId);
  if (oldest) await enqueueOwner(platform, oldest);
}

/** The project's oldest unfinished modification: the only one its pipeline may work on. */
export async function oldestActive(platform: Pick<Platform, "dynamo">, projectId: string): Promise<Modification | undefined> {
  return (await listModifications(platform.dynamo, projectId, 200)).filter((m) => !isTerminal(m.status)).at(-1);
}

export async function enqueueOwner(platform: Platform, m: Modification): Promise<void> {
  const role = OWNER[m.status];
  if (!role) return;
  const message: JobMessage = { modificationId: m.modificationId, projectId: m.projectId, role, requestId: m.requestId ?? m.modificationId };
  await platform.jobs.send(role, message, { groupId: m.projectId, dedupId: `${m.modificationId}:${m.status}:${m.rev}` });
}

/**
 * Re-enqueues the head of every project that has unfinished modifications (after a crash, a
 * restart or a failed send). One project's failed send does not stop the sweep from reaching
 * the others; after all were tried, the sweep fails naming how many could not be re-enqueued
 * (the aws sweeper's alarm counts failed invocations; the local timer logs it), and the next
 * sweep tries them again. Returns the number of projects re-enqueued.
 */
export async function recoverPending(platform: Platform): Promise<number> {
  const projects = new Set<string>();
  for (const status of ACTIVE) for (const m of await listModificationsByStatus(platform.dynamo, status)) projects.add(m.projectId);
  const failures: unknown[] = [];
  for (const projectId of projects) await kickProject(platform, projectId).catch((e) => failures.push(e));
  if (failures.length > 0) throw new Error(`could not re-enqueue ${failures.length} of ${projects.size} projects: ${String(failures[0])}`, { cause: failures[0] });
  return projects.size;
}

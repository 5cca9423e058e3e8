import { getModification, listModifications, type Modification } from "../../dynamo/modification-repo";
import { notFound } from "../../errors";
import type { Platform } from "../../platform/types";
import { artifactsOf } from "./artifacts";

/** What the UI and API show of a modification: its state and each role's result, not raw artifacts. */
export function describeModification(m: Modification) {
  const a = artifactsOf(m);
  return {
    modificationId: m.modificationId,
    projectId: m.projectId,
    kind: m.kind,
    request: m.request,
    status: m.status,
    attempts: m.attempts,
    qaLoops: m.qaLoops,
    error: m.error ?? null,
    resultVersionId: m.resultVersionId ?? null,
    baseVersionId: a.plan?.baseVersionId ?? null,
    plan: a.plan ? { summary: a.plan.plan.summary, changes: a.plan.plan.changes.map((c) => ({ path: c.path, why: c.why })), warnings: a.plan.plan.warnings, engine: a.plan.plan.engine ?? "rules", needsInput: a.plan.plan.needsInput ?? [] } : null,
    dev: (a.dev ?? []).map((d) => ({ loop: d.loop, fileCount: d.fileCount, contentHash: d.contentHash })),
    qa: (a.qa ?? []).map(({ result: _r, ...q }) => q),
    ops: a.ops ?? null,
    evalGate: a.evalGate ?? null,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
  };
}
export type ModificationView = ReturnType<typeof describeModification>;

export async function listProjectModifications(platform: Platform, projectId: string): Promise<ModificationView[]> {
  return (await listModifications(platform.dynamo, projectId, 100)).map(describeModification);
}

export async function getProjectModification(platform: Platform, projectId: string, modificationId: string): Promise<ModificationView> {
  const m = await getModification(platform.dynamo, modificationId);
  if (!m || m.projectId !== projectId) throw notFound("Modification", modificationId);
  return describeModification(m);
}

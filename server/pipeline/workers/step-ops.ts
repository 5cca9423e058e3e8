import { costEstimates } from "../../db/schema";
import type { Modification } from "../../dynamo/modification-repo";
import { log } from "../../log";
import { decodeFileSet } from "../../versions/file-set";
import { storeVersion } from "../../versions/service";
import { artifactsOf } from "./artifacts";
import type { PipelineDeps } from "./deps";
import { transition } from "./transitions";

/**
 * Ops: packages the verified file set as the project's next version (blob + ZIP + row,
 * idempotent per modification), stores a cost estimate, and marks the modification done.
 */
export async function runOps(deps: PipelineDeps, m: Modification): Promise<Modification> {
  const artifacts = artifactsOf(m);
  const dev = artifacts.dev?.at(-1);
  if (!dev || !artifacts.plan) throw new Error(`modification ${m.modificationId} has nothing to package`);
  const bytes = await deps.platform.blobs.get(dev.fileSetKey);
  if (!bytes) throw new Error(`file set ${dev.fileSetKey} is missing`);
  const spec = artifacts.plan.targetSpec;
  const version = await storeVersion(deps.platform, {
    projectId: m.projectId,
    spec,
    generated: { files: decodeFileSet(bytes), contentHash: dev.contentHash, templateVersion: "", notes: [], requiredIam: dev.requiredIam },
    verification: artifacts.qa?.at(-1)?.result ?? null,
    modificationId: m.modificationId,
  });
  deps.fault?.("ops:after-store", m.modificationId);
  const estimateId = await storeEstimate(deps, m, version.id, spec);
  return transition(
    deps,
    m,
    { status: "done", resultVersionId: version.id, artifacts: { ...artifacts, ops: { versionId: version.id, version: version.version, estimateId } } },
    `Version ${version.version} is ready`,
  );
}

async function storeEstimate(deps: PipelineDeps, m: Modification, versionId: string, spec: Parameters<PipelineDeps["estimate"]>[0]): Promise<string | null> {
  try {
    const estimate = deps.estimate(spec);
    if (!estimate) return null;
    // One estimate per modification: the id is derived from it, so a redelivery writes nothing new.
    const id = `est_${m.modificationId.slice(4)}`;
    await deps.platform.db
      .insert(costEstimates)
      .values({ id, projectId: m.projectId, inputs: { versionId, source: "pipeline" }, breakdown: estimate, totalUsd: estimate.total.toFixed(4) })
      .onConflictDoNothing();
    return id;
  } catch (e) {
    // A missing price must not block a verified version.
    log.warn("cost estimate skipped", { modificationId: m.modificationId, error: String(e) });
    return null;
  }
}

import { insertEstimate } from "../../cost/estimate-repo";
import type { Modification } from "../../dynamo/modification-repo";
import { log } from "../../log";
import { syncDraftWithVersion } from "../../spec/draft";
import { decodeFileSet } from "../../versions/file-set";
import { storeVersion } from "../../versions/service";
import { artifactsOf } from "./artifacts";
import type { PipelineDeps } from "./deps";
import { transition } from "./transitions";

/**
 * Ops: packages the verified file set as the project's next version (blob + ZIP + row,
 * idempotent per modification), brings the spec draft up to it, stores a cost estimate
 * (the same shape as every other estimate), and marks the modification done.
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
  await syncDraft(deps, m, spec);
  const estimateId = await storeEstimate(deps, m, version.id, spec);
  return transition(
    deps,
    m,
    { status: "done", resultVersionId: version.id, artifacts: { ...artifacts, ops: { versionId: version.id, version: version.version, estimateId } } },
    `Version ${version.version} is ready`,
  );
}

/**
 * The draft follows the version, so the next change starts from what was built. A draft
 * that cannot be written now (the user is editing it) must not block a verified version:
 * the next change then starts from the version itself.
 */
async function syncDraft(deps: PipelineDeps, m: Modification, spec: Parameters<PipelineDeps["estimate"]>[0]): Promise<void> {
  await syncDraftWithVersion({ dynamo: deps.platform.dynamo, tools: deps.registry.tools }, { projectId: m.projectId, ownerId: m.ownerId }, spec).catch((e: unknown) =>
    log.warn("draft not brought up to the new version", { modificationId: m.modificationId, error: String(e) }),
  );
}

async function storeEstimate(deps: PipelineDeps, m: Modification, versionId: string, spec: Parameters<PipelineDeps["estimate"]>[0]): Promise<string | null> {
  try {
    const priced = deps.estimate(spec);
    if (!priced) return null;
    // One estimate per modification: the id is derived from it, so a redelivery writes nothing new.
    const id = `est_${m.modificationId.slice(4)}`;
    const inputs = { specSource: "version" as const, modelId: spec.model.id, target: spec.deployment.target, spec, usage: priced.usage, overridden: [], versionId };
    await insertEstimate(deps.platform.db, m.projectId, inputs, priced.estimate, id);
    return id;
  } catch (e) {
    // A missing price must not block a verified version.
    log.warn("cost estimate skipped", { modificationId: m.modificationId, error: String(e) });
    return null;
  }
}

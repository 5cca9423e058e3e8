import type { Modification } from "../../dynamo/modification-repo";
import { withEvalSet } from "../../generation/evals/eval-set";
import { listCases } from "../../test-runs/store/cases-repo";
import type { LockfileOutcome } from "../../generation/lockfile";
import type { GeneratedProject } from "../../generation/types";
import { encodeFileSet } from "../../versions/file-set";
import { fileSetKey } from "../../versions/service";
import { artifactsOf, type DevArtifact } from "./artifacts";
import type { PipelineDeps } from "./deps";
import { transition } from "./transitions";

/** The project with its package-lock.json (TypeScript), and how that went: QA shows a failure as a finding. */
async function withLockfile(deps: PipelineDeps, generated: GeneratedProject): Promise<GeneratedProject & { lockfile?: LockfileOutcome }> {
  if (!deps.lockfile) return generated;
  return { ...generated, ...(await deps.lockfile(generated.files)) };
}

/** Dev: generates the target spec's file set (with QA's earlier findings as feedback) and stores it. */
export async function runDev(deps: PipelineDeps, m: Modification): Promise<Modification> {
  const artifacts = artifactsOf(m);
  if (!artifacts.plan) throw new Error(`modification ${m.modificationId} has no plan`);
  const feedback = (artifacts.qa ?? []).filter((q) => !q.ok).map((q) => ({ loop: q.loop, errors: q.errors }));
  // The project's saved test cases travel with it as its eval set (evals/, .github/workflows/evals.yml).
  const cases = await listCases(deps.platform.db, m.projectId);
  const generated = await withLockfile(deps, withEvalSet(deps.generate(artifacts.plan.targetSpec, feedback), artifacts.plan.targetSpec, cases));
  const key = fileSetKey(generated.contentHash);
  // The blob is written before the modification points at it (content-addressed, so a retry rewrites the same bytes);
  // a reused one is touched, so the garbage collector's grace period covers it until the modification points at it.
  if (!(await deps.platform.blobs.touch(key, "application/json"))) await deps.platform.blobs.put(key, encodeFileSet(generated.files), "application/json");
  deps.fault?.("dev:before-write", m.modificationId);
  const dev: DevArtifact = { loop: m.qaLoops, contentHash: generated.contentHash, fileSetKey: key, fileCount: generated.files.size, requiredIam: generated.requiredIam, ...(generated.lockfile ? { lockfile: generated.lockfile } : {}) };
  const next = await transition(deps, m, { status: "verifying", artifacts: { ...artifacts, dev: [...(artifacts.dev ?? []), dev] } }, `Dev generated ${dev.fileCount} files`);
  deps.fault?.("dev:after-write", m.modificationId);
  return next;
}

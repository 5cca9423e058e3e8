import type { Modification } from "../../dynamo/modification-repo";
import { decodeFileSet } from "../../versions/file-set";
import { missingLockfileMessage } from "../../generation/lockfile";
import type { VerificationResult } from "../../generation/verify/types";
import { artifactsOf, type DevArtifact, type QaArtifact } from "./artifacts";
import type { PipelineDeps } from "./deps";
import { MAX_QA_LOOPS } from "./job";
import { withRehearsal } from "./step-qa-rehearsal";
import { transition } from "./transitions";

const MAX_ERRORS_KEPT = 20;

/** Verify can only say that package-lock.json is missing; Dev knows why (npm's own words), so the finding says it. */
function withLockfileReason(result: VerificationResult, dev: DevArtifact): VerificationResult {
  if (dev.lockfile?.status !== "failed") return result;
  const message = missingLockfileMessage(dev.lockfile.reason);
  return { ...result, checks: result.checks.map((c) => (c.check === "lockfile" && c.file === "package.json" ? { ...c, message } : c)) };
}

/**
 * QA: verifies Dev's file set. A failure goes back to Dev with the errors, at most
 * MAX_QA_LOOPS rounds, and stops early when the same errors come back unchanged.
 */
export async function runQa(deps: PipelineDeps, m: Modification): Promise<Modification> {
  const artifacts = artifactsOf(m);
  const dev = artifacts.dev?.at(-1);
  if (!dev) throw new Error(`modification ${m.modificationId} has no Dev output`);
  const bytes = await deps.platform.blobs.get(dev.fileSetKey);
  if (!bytes) throw new Error(`file set ${dev.fileSetKey} is missing`);
  const files = decodeFileSet(bytes);
  const result = withLockfileReason(await withRehearsal(await deps.verify(files, { requiredIam: dev.requiredIam }), files), dev);
  const errors = result.checks.filter((c) => c.severity === "error").map((c) => `${c.file}${c.line ? `:${c.line}` : ""} [${c.check}] ${c.message}`);
  // The findings (capped) travel with the artifact so the version shows what QA checked and found.
  const kept = { ok: result.ok, checks: result.checks.slice(0, 200), ran: result.ran, ...(result.rehearsal ? { rehearsal: result.rehearsal } : {}) };
  const qa: QaArtifact = { loop: m.qaLoops, ok: result.ok, errors: errors.slice(0, MAX_ERRORS_KEPT), checks: result.ran.length, result: kept };
  const history = [...(artifacts.qa ?? []), qa];
  deps.fault?.("qa:before-write", m.modificationId);
  if (result.ok) return transition(deps, m, { status: "packaging", artifacts: { ...artifacts, qa: history } }, `QA passed ${result.ran.length} checks`);

  const previous = (artifacts.qa ?? []).filter((q) => !q.ok).at(-1);
  const repeated = previous !== undefined && JSON.stringify(previous.errors) === JSON.stringify(qa.errors);
  const loops = m.qaLoops + 1;
  if (repeated || loops >= MAX_QA_LOOPS) {
    const why = repeated ? "stopped early: the same errors came back" : `gave up after ${loops} QA rounds`;
    return transition(deps, m, { status: "failed", qaLoops: loops, artifacts: { ...artifacts, qa: history }, error: `Verification failed (${why}): ${qa.errors.slice(0, 3).join("; ")}` }, why);
  }
  return transition(deps, m, { status: "developing", qaLoops: loops, artifacts: { ...artifacts, qa: history } }, `QA found ${errors.length} errors; back to Dev`);
}

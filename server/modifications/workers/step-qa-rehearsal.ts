import path from "node:path";
import { env } from "../../env";
import { rehearseProject } from "../../generation/rehearse/rehearse-project";
import type { ProjectFiles } from "../../generation/types";
import type { VerificationResult } from "../../generation/verify/types";

/**
 * QA's deploy rehearsal, as QA_REHEARSAL says (server/env.ts): added to the verification
 * result, a failure as an error on the file that says how the project runs, a skip visible.
 * Only a project that passed the static checks is booted (one that does not type-check or
 * whose IaC is wrong would only fail again, slower). Local workers only: on AWS the
 * workers have no dependency cache to rehearse from.
 */
export async function withRehearsal(result: VerificationResult, files: ProjectFiles): Promise<VerificationResult> {
  const e = env();
  if (e.APP_RUNTIME !== "local" || e.QA_REHEARSAL === "off" || !result.ok || result.ran.length === 0) return result;
  const cacheRoot = path.resolve(e.TEST_RUN_CACHE_DIR ?? path.join(e.DATA_DIR, "runner-cache"));
  const rehearsal = await rehearseProject(files, { cacheRoot, onlyWhenCached: e.QA_REHEARSAL === "cached" });
  const file = files.has("Dockerfile") ? "Dockerfile" : "infra/cloudformation.yaml";
  const finding =
    rehearsal.status === "failed"
      ? [{ check: "rehearsal" as const, file, message: `the deploy rehearsal failed: ${rehearsal.reason}`, severity: "error" as const }]
      : [];
  const status = rehearsal.status === "passed" || rehearsal.status === "failed" || rehearsal.status === "skipped" ? rehearsal.status : "not-applicable";
  return {
    ok: result.ok && rehearsal.status !== "failed",
    checks: [...result.checks, ...finding],
    ran: [...result.ran, { check: "rehearsal", files: 0, ms: rehearsal.ms, status }],
    rehearsal,
  };
}

import type { Db } from "../../db/client";
import { getModification, updateModification } from "../../dynamo/modification-repo";
import type { DynamoService } from "../../dynamo/service";
import { log } from "../../log";
import { compareSuiteVersions } from "../../test-runs/service/compare-versions";
import { getVersion } from "../../versions/service";
import { artifactsOf, type EvalGateArtifact } from "./artifacts";

/**
 * QA's eval gate. A version's suite can only run once the version exists, after the pipeline
 * stored it; so when that suite finishes, its regression gate is written into the QA record of
 * the modification that produced the version, where the pipeline view shows it. A regressed
 * version is marked, not blocked: the user may still choose it, knowingly.
 */
export async function recordEvalGate(p: { db: Db; dynamo: DynamoService }, projectId: string, versionId: string): Promise<EvalGateArtifact | null> {
  const row = (await compareSuiteVersions(p.db, projectId)).find((r) => r.versionId === versionId);
  if (!row || row.status !== "done") return null;
  const gate: EvalGateArtifact = { versionId, version: row.version, suiteRunId: row.suiteRunId, score: row.score, regressed: row.gate.regressed, baselineVersion: row.gate.baselineVersion, drop: row.gate.drop, margin: row.gate.margin, at: new Date().toISOString() };
  const version = await getVersion(p.db, projectId, versionId);
  if (!version.modificationId) return gate;
  for (let attempt = 0; attempt < 3; attempt++) {
    const m = await getModification(p.dynamo, version.modificationId);
    if (!m) return gate;
    try {
      await updateModification(p.dynamo, m, { artifacts: { ...artifactsOf(m), evalGate: gate } });
      return gate;
    } catch (e) {
      if (attempt === 2) log.warn("could not record the eval gate on the modification", { modificationId: m.modificationId, error: String(e) });
    }
  }
  return gate;
}

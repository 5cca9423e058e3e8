import { ensureContext } from "../../dynamo/context-repo";
import type { Modification } from "../../dynamo/modification-repo";
import { AgentSpec, parseSpecOrThrow } from "../../spec/agent-spec";
import { latestVersion, readVersionFiles } from "../../versions/service";
import type { PipelineDeps } from "./deps";

/**
 * What a modification starts from: the latest version's exact spec (agent-spec.json in its
 * file set), or — before the first version — the project's draft, which must be complete.
 */
export async function resolveBaseSpec(deps: PipelineDeps, m: Modification): Promise<{ spec: AgentSpec; versionId: string | null }> {
  const { db, blobs, dynamo } = deps.platform;
  const latest = await latestVersion(db, m.projectId);
  if (latest) {
    const files = await readVersionFiles({ blobs }, latest);
    return { spec: AgentSpec.parse(JSON.parse(String(files.get("agent-spec.json")))), versionId: latest.id };
  }
  if (m.kind !== "change" && m.spec) return { spec: parseOrFail(m.spec), versionId: null };
  const context = await ensureContext(dynamo, m.projectId, m.ownerId);
  return { spec: parseOrFail(context.draft), versionId: null };
}

/** Parses a modification's spec; an incomplete one fails the modification visibly with the fields named. */
export const parseOrFail = (input: unknown): AgentSpec => parseSpecOrThrow(input, "Complete the agent spec first");

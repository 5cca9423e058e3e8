import type { Modification } from "../../dynamo/modification-repo";
import { AgentSpec, parseSpecOrThrow } from "../../spec/agent-spec";
import { completeSpecOf, openDraft, specOf } from "../../spec/draft";
import { latestVersion, readVersionFiles } from "../../versions/service";
import type { PipelineDeps } from "./deps";

/**
 * What a modification starts from. The draft is the spec of record (Ops writes each
 * version's spec back into it, and cost suggestions or edits made since change it): a
 * change starts from it when it is complete and not older than the latest version. Otherwise the latest version's exact spec
 * (agent-spec.json in its file set), or — before the first version — the draft, which
 * must then be complete.
 */
export async function resolveBaseSpec(deps: PipelineDeps, m: Modification): Promise<{ spec: AgentSpec; versionId: string | null }> {
  const { db, blobs, dynamo } = deps.platform;
  const [latest, draft] = await Promise.all([latestVersion(db, m.projectId), openDraft(dynamo, m.projectId, m.ownerId)]);
  if (latest) {
    // A draft written since the version (a suggestion applied, a field edited, or Ops bringing it up to the version) is the newer word.
    const newer = Date.parse(draft.updatedAt) >= latest.createdAt.getTime();
    const fromDraft = m.kind === "change" && newer ? completeSpecOf(draft) : null;
    if (fromDraft) return { spec: fromDraft, versionId: latest.id };
    const files = await readVersionFiles({ blobs }, latest);
    return { spec: AgentSpec.parse(JSON.parse(String(files.get("agent-spec.json")))), versionId: latest.id };
  }
  if (m.kind !== "change" && m.spec) return { spec: parseOrFail(m.spec), versionId: null };
  return { spec: parseOrFail(specOf(draft)), versionId: null };
}

/** Parses a modification's spec; an incomplete one fails the modification visibly with the fields named. */
export const parseOrFail = (input: unknown): AgentSpec => parseSpecOrThrow(input, "Complete the agent spec first");

import type { Modification } from "../../dynamo/modification-repo";
import { DomainError } from "../../errors";
import type { ToolEntry } from "../../registry/schema";
import { AgentSpec, validateSpec } from "../../spec/agent-spec";
import { describeSpecIssues } from "../../consultation/rules/field-names";
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
  const tools = deps.registry.tools;
  if (m.kind !== "change" && m.spec) return { spec: parseOrFail(m.spec, tools), versionId: null };
  return { spec: parseOrFail(specOf(draft), tools), versionId: null };
}

/**
 * Parses a modification's spec; an incomplete one fails the modification visibly, naming
 * the fields in the user's words ("System prompt is missing"), with the dotted paths in
 * `details.issues` for forms.
 */
export function parseOrFail(input: unknown, tools: readonly ToolEntry[]): AgentSpec {
  const result = validateSpec(input);
  if (result.ok) return result.spec;
  const draft = (input && typeof input === "object" ? input : {}) as Parameters<typeof describeSpecIssues>[1];
  throw new DomainError("invalid", `Complete the agent spec first: ${describeSpecIssues(result.issues, draft, tools)}`, { field: result.issues[0]!.path, issues: result.issues });
}

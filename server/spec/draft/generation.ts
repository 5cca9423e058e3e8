import type { DynamoService } from "../../dynamo/service";
import { DomainError } from "../../errors";
import { settingName } from "../../consultation/rules/field-names";
import { isMisfitPath } from "../../consultation/rules/tool-misfits";
import type { ToolEntry } from "../../registry/schema";
import { parseSpecOrThrow, type AgentSpec } from "../agent-spec";
import { openDraft } from "./read";
import { deriveCompleteness, specOf } from "./state";

const TOOL_SETTING = /^tools\.\d+\.config\./;
const INCOMPLETE = "Complete the agent spec first";

/**
 * The spec to generate from: the one given, else the project's draft. A draft with a
 * required tool setting still open (answered "not yet"), or a tool that does not fit its
 * language or target, is refused before anything is queued, naming the setting or the
 * tool in the user's words (`details.issues[].label`).
 * @throws DomainError invalid with `details.issues` (path, kind, message, label).
 */
export async function specForGeneration(deps: { dynamo: DynamoService; tools: readonly ToolEntry[] }, projectId: string, ownerId: string, explicit?: unknown): Promise<AgentSpec> {
  if (explicit !== undefined) return parseSpecOrThrow(explicit, INCOMPLETE);
  const state = await openDraft(deps.dynamo, projectId, ownerId);
  const open = deriveCompleteness(state, deps.tools).missing.filter((p) => TOOL_SETTING.test(p) || isMisfitPath(p));
  if (open.length > 0) {
    const issues = open.map((path) =>
      isMisfitPath(path)
        ? { path, kind: "invalid" as const, message: "does not fit the language or target", label: settingName(path, state.draft, deps.tools) }
        : { path, kind: "missing" as const, message: "is required", label: settingName(path, state.draft, deps.tools) },
    );
    throw new DomainError("invalid", `${INCOMPLETE}: set ${issues.map((i) => i.label).join(", ")}`, { field: open[0], issues });
  }
  return parseSpecOrThrow(specOf(state), INCOMPLETE);
}

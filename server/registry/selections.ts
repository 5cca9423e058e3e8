import { z } from "zod";
import type { Db } from "../db/client";
import type { DynamoService } from "../dynamo/service";
import { DomainError } from "../errors";
import { getOwnedProject, ProjectId } from "../projects/service";
import { RequirementsSpec, ToolChoice } from "../spec/agent-spec";
import { readDraft, updateDraft, withLocks, type DraftState } from "../spec/draft";
import { Language, parseInput } from "./inputs";
import { getModelOrThrow, getToolOrThrow, type Registry } from "./load";
import { readSelectionRows, saveModelSelection, saveToolSelection } from "./selection-repo";
import { DeploymentTargetId, type ModelEntry, type ToolEntry } from "./schema";
import { assertSelectionSaves, checkToolSelection } from "./selection-check";
import { generatedEntry } from "./tool-fit";

/**
 * A project's model and tool choices. Postgres (model_selections, tool_selections) is the
 * record later steps report on; the same choices are mirrored into the project's spec
 * draft in DynamoDB (`draft.model.id`, `draft.tools`) so generation uses what the user
 * picked, and locked there so a later extraction turn does not overwrite them.
 */

export type SelectionDeps = { db: Db; dynamo: DynamoService; registry: Registry };

export const SelectionRef = z.object({ projectId: ProjectId });
export const SetModelInput = z.object({ projectId: ProjectId, modelId: z.string().trim().min(1).max(200) });
export const SetToolsInput = z.object({ projectId: ProjectId, tools: z.array(ToolChoice).max(50) });
export type SetModelInput = z.input<typeof SetModelInput>;
export type SetToolsInput = z.input<typeof SetToolsInput>;

type ConfigValue = string | number | boolean;
export type ProjectSelection = {
  /** `entry` is null only if a stored id has since left the registry. */
  model: { id: string; selectedAt: Date; entry: ModelEntry | null } | null;
  tools: { id: string; config: Record<string, ConfigValue>; selectedAt: Date }[];
  /** From the spec draft, with the defaults the generator applies when it is silent. */
  language: Language;
  target: DeploymentTargetId;
  /** Whether the draft states the target; an undecided one (shown as the default) is not checked. */
  targetStated: boolean;
  /** What consultation learnt (use case, budget, traffic), to prefill the recommendation. */
  requirements: z.infer<typeof RequirementsSpec> | null;
};

const MODEL_LOCK = "model.id";
const TOOLS_LOCK = "tools";

/** The project's selections, or empty ones. @throws DomainError("not_found") for a project the user does not own. */
export async function getSelection(deps: SelectionDeps, userId: string, projectId: string): Promise<ProjectSelection> {
  await getOwnedProject(deps.db, userId, projectId);
  const [{ model, tools }, context] = await Promise.all([readSelectionRows(deps.db, projectId), readDraft(deps.dynamo, projectId, userId)]);
  const draft: Record<string, unknown> = context.draft;
  // The draft is the spec of record (consultation and cost suggestions change it too); the
  // rows record when the user picked something here.
  const changedAt = new Date(context.updatedAt);
  const draftModelId = asRecord(draft.model).id;
  const modelId = typeof draftModelId === "string" ? draftModelId : model?.modelId;
  const draftTools = Array.isArray(draft.tools) ? (draft.tools as { id?: unknown; config?: unknown }[]).filter((t) => typeof t.id === "string") : null;
  const rowOf = new Map(tools.map((t) => [t.toolId, t]));
  return {
    model: modelId ? { id: modelId, selectedAt: model?.modelId === modelId ? model.selectedAt : changedAt, entry: deps.registry.modelById.get(modelId) ?? null } : null,
    tools: draftTools
      ? draftTools.map((t) => ({ id: t.id as string, config: asRecord(t.config) as Record<string, ConfigValue>, selectedAt: rowOf.get(t.id as string)?.selectedAt ?? changedAt }))
      : tools.map((t) => ({ id: t.toolId, config: t.config, selectedAt: t.selectedAt })),
    ...draftSettings(draft),
  };
}

/**
 * Selects the project's model. @throws DomainError("not_found") naming an unknown model id
 * or a project the user does not own; nothing is written then.
 */
export async function setModelSelection(deps: SelectionDeps, userId: string, raw: SetModelInput): Promise<ProjectSelection> {
  const input = parseInput(SetModelInput, raw);
  const project = await getOwnedProject(deps.db, userId, input.projectId);
  const model = getModelOrThrow(input.modelId, deps.registry);
  // Inside the transaction: if the draft cannot be updated, the rows roll back too.
  await saveModelSelection(deps.db, project.id, model.id, () =>
    mirrorIntoDraft(deps, project.id, userId, (draft) => ({ ...draft, model: { ...asRecord(draft.model), id: model.id } }), MODEL_LOCK),
  );
  return getSelection(deps, userId, project.id);
}

/**
 * Replaces the project's tool selection. Every id must be in the registry, config keys must
 * be the tool's parameters with the right types, and the set must resolve for the project's
 * language without conflicts — all checked before anything is written.
 * @throws DomainError("not_found") naming an unknown id; DomainError("invalid") for a
 *   duplicate, a bad config value or a tool the generator would refuse for the project's
 *   language or target (naming the tool, why and what fits); ToolConflictError ("conflict") naming both tools.
 */
export async function setToolSelection(deps: SelectionDeps, userId: string, raw: SetToolsInput): Promise<ProjectSelection> {
  const input = parseInput(SetToolsInput, raw);
  const project = await getOwnedProject(deps.db, userId, input.projectId);
  const seen = new Set<string>();
  input.tools.forEach((choice, index) => {
    if (seen.has(choice.id)) throw new DomainError("invalid", `tools.${index}.id: '${choice.id}' is selected twice`, { field: `tools.${index}.id` });
    seen.add(choice.id);
    // Settings are the ones of the entry generated: a deprecated tool's replacement's.
    checkConfig(generatedEntry(getToolOrThrow(choice.id, deps.registry), (id) => deps.registry.toolById.get(id)), choice.config, index);
  });
  const ids = input.tools.map((t) => t.id);
  const context = await readDraft(deps.dynamo, project.id, userId);
  // The same answer the Tools tab's Save button shows (registry.tools.check).
  if (ids.length > 0) {
    const check = checkToolSelection(deps.registry, { ids, language: draftSettings(context.draft).language, target: statedTarget(context.draft) });
    assertSelectionSaves(check, (id) => deps.registry.toolById.get(id)?.name ?? id);
  }

  await saveToolSelection(deps.db, project.id, input.tools, () =>
    mirrorIntoDraft(deps, project.id, userId, (draft) => ({ ...draft, tools: input.tools.map((t) => ({ id: t.id, config: t.config })) }), TOOLS_LOCK),
  );
  return getSelection(deps, userId, project.id);
}

function checkConfig(tool: ToolEntry, config: Record<string, ConfigValue>, index: number): void {
  for (const [key, value] of Object.entries(config)) {
    const field = `tools.${index}.config.${key}`;
    const param = tool.config.find((p) => p.name === key);
    if (!param) throw new DomainError("invalid", `${field}: tool '${tool.id}' has no parameter '${key}'`, { field });
    // Secrets reach the agent through its environment / Secrets Manager, never stored config.
    if (param.secret) throw new DomainError("invalid", `${field}: '${key}' is a secret; set it in the agent's secrets, not in its config`, { field });
    if (typeof value !== param.type) throw new DomainError("invalid", `${field}: must be a ${param.type}`, { field });
  }
}

/** Writes the choice into the spec draft (through the draft module) and locks its path. */
function mirrorIntoDraft(
  deps: SelectionDeps,
  projectId: string,
  ownerId: string,
  change: (draft: Record<string, unknown>) => Record<string, unknown>,
  lockPath: string,
): Promise<DraftState> {
  return updateDraft({ dynamo: deps.dynamo, tools: deps.registry.tools }, { projectId, ownerId }, (current) => ({
    draft: withLocks(change(current.draft) as DraftState["draft"], [lockPath]),
  }));
}

const asRecord = (v: unknown): Record<string, unknown> => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** The deployment target the draft states, if it states a valid one. */
function statedTarget(draft: Record<string, unknown>): DeploymentTargetId | undefined {
  const target = DeploymentTargetId.safeParse(asRecord(draft.deployment).target);
  return target.success ? target.data : undefined;
}

/** Language, target and requirements as the draft states them; anything malformed counts as unset. */
function draftSettings(draft: Record<string, unknown>): Pick<ProjectSelection, "language" | "target" | "targetStated" | "requirements"> {
  const language = Language.safeParse(draft.language);
  const requirements = RequirementsSpec.safeParse(draft.requirements);
  return {
    language: language.success ? language.data : "python",
    target: statedTarget(draft) ?? "agentcore",
    targetStated: statedTarget(draft) !== undefined,
    requirements: draft.requirements !== undefined && requirements.success ? requirements.data : null,
  };
}

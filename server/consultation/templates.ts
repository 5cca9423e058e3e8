import { createTemplate, deleteTemplate, getTemplate, listTemplates, type StoredTemplate } from "../dynamo/template-repo";
import { DomainError, notFound } from "../errors";
import { createId } from "../ids";
import type { SpecRegistry } from "./rules";
import type { Platform } from "../platform/types";
import { getOwnedProject } from "../projects/service";
import { validateSpec, type AgentSpecDraft } from "../spec/agent-spec";
import type { CreateTemplateInput } from "./inputs";
import { openDraft, specOf } from "../spec/draft";
import { BUILTIN_TEMPLATES, getBuiltinTemplate } from "./templates-builtin";
import { TEMPLATED_FIELDS, templateVariables } from "./template-text";

/**
 * The template gallery: the built-in starting points plus the user's own templates,
 * saved from a project (Template entity). User templates are private: someone else's
 * id is NOT_FOUND, like a missing one.
 */

export type TemplateSummary = {
  id: string;
  name: string;
  category: string;
  description: string;
  source: "builtin" | "mine";
  modelId: string | null;
  target: string | null;
  toolIds: string[];
  language: string | null;
  createdAt: string | null;
};
export type TemplateDetail = TemplateSummary & { spec: AgentSpecDraft; variables: string[] };

/** A user may keep this many templates; more is almost certainly a script. */
export const MAX_USER_TEMPLATES = 100;

type Source = { id: string; name: string; category: string; description: string; spec: AgentSpecDraft; source: TemplateSummary["source"]; createdAt: string | null };

const fromStored = (t: StoredTemplate): Source => ({ id: t.templateId, name: t.name, category: t.category, description: t.description, spec: (t.spec ?? {}) as AgentSpecDraft, source: "mine", createdAt: t.createdAt });
const BUILTINS: Source[] = BUILTIN_TEMPLATES.map((t) => ({ id: t.id, name: t.name, category: t.category, description: t.description, spec: t.spec as AgentSpecDraft, source: "builtin", createdAt: null }));

function summary(t: Source): TemplateSummary {
  const { spec } = t;
  return {
    id: t.id,
    name: t.name,
    category: t.category,
    description: t.description,
    source: t.source,
    modelId: spec.model?.id ?? null,
    target: spec.deployment?.target ?? null,
    toolIds: (spec.tools ?? []).map((tool) => String(tool.id)),
    language: spec.language ?? null,
    createdAt: t.createdAt,
  };
}

/** Built-ins and the user's templates, by category then name (built-ins first within a category). */
export async function listTemplateSummaries(platform: Pick<Platform, "dynamo">, userId: string): Promise<TemplateSummary[]> {
  const mine = (await listTemplates(platform.dynamo, userId)).map(fromStored);
  const rank = (t: Source) => (t.source === "builtin" ? 0 : 1);
  return [...BUILTINS, ...mine]
    .sort((a, b) => a.category.localeCompare(b.category) || rank(a) - rank(b) || a.name.localeCompare(b.name))
    .map(summary);
}

/** A built-in, or one of the user's templates. @throws not_found otherwise. */
export async function findTemplate(platform: Pick<Platform, "dynamo">, userId: string, templateId: string): Promise<Source> {
  const builtin = getBuiltinTemplate(templateId);
  if (builtin) return BUILTINS.find((t) => t.id === builtin.id)!;
  const stored = templateId.startsWith("tpl_") ? await getTemplate(platform.dynamo, templateId) : null;
  if (!stored || stored.ownerId !== userId) throw notFound("Template", templateId);
  return fromStored(stored);
}

export async function getTemplateDetail(platform: Pick<Platform, "dynamo">, userId: string, templateId: string): Promise<TemplateDetail> {
  const t = await findTemplate(platform, userId, templateId);
  return { ...summary(t), spec: t.spec, variables: t.source === "mine" ? variablesOf(t.spec) : [] };
}

/** Variables of the templated text fields, in field order. */
export function variablesOf(spec: AgentSpecDraft): string[] {
  const names = TEMPLATED_FIELDS.flatMap((f) => (typeof spec[f] === "string" ? templateVariables(spec[f], f) : []));
  return [...new Set(names)];
}

/**
 * Saves the project's current spec draft as a template. The draft may be incomplete (the
 * consultation fills the gaps when the template is used) but nothing in it may be invalid,
 * and its text must parse as a template.
 * @throws DomainError invalid naming the field; not_found for someone else's project.
 */
export async function createTemplateFromProject(deps: { platform: Platform; registry: SpecRegistry }, userId: string, input: CreateTemplateInput): Promise<TemplateSummary> {
  const { platform } = deps;
  await getOwnedProject(platform.db, userId, input.projectId);
  const spec: AgentSpecDraft = specOf(await openDraft(platform.dynamo, input.projectId, userId));
  if (!spec.description && !spec.requirements?.useCase) throw new DomainError("invalid", "Describe the agent in the consultation before saving it as a template", { field: "projectId" });
  assertNothingInvalid(spec);
  variablesOf(spec);
  if ((await listTemplates(platform.dynamo, userId)).length >= MAX_USER_TEMPLATES) {
    throw new DomainError("invalid", `You already have ${MAX_USER_TEMPLATES} templates; delete one first`, { field: "name" });
  }
  const stored = await createTemplate(platform.dynamo, { templateId: createId("template"), ownerId: userId, name: input.name, category: input.category, description: input.description, spec });
  return summary(fromStored(stored));
}

/** @throws forbidden for a built-in, not_found for a missing or someone else's template. */
export async function deleteUserTemplate(platform: Pick<Platform, "dynamo">, userId: string, templateId: string): Promise<{ templateId: string }> {
  if (getBuiltinTemplate(templateId)) throw new DomainError("forbidden", "Built-in templates cannot be deleted");
  await findTemplate(platform, userId, templateId);
  await deleteTemplate(platform.dynamo, templateId);
  return { templateId };
}

/** Missing fields are fine in a template; malformed ones are not. */
export function assertNothingInvalid(spec: AgentSpecDraft): void {
  const checked = validateSpec(spec);
  const invalid = checked.ok ? [] : checked.issues.filter((i) => i.kind === "invalid");
  if (invalid.length > 0) throw new DomainError("invalid", `${invalid[0]!.path}: ${invalid[0]!.message}`, { field: invalid[0]!.path, issues: invalid });
}

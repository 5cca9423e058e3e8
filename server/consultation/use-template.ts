import { appendMessage } from "../dynamo/conversation-repo";
import { log } from "../log";
import { autoAdvance, initialWorkflow } from "../projects/workflow";
import { assessCompleteness, composePmReply, type SpecDraft, type SpecRegistry } from "./rules";
import type { Platform } from "../platform/types";
import { deleteProjectEverywhere } from "../projects/purge";
import { createProject, type Project } from "../projects/service";
import type { AgentSpecDraft } from "../spec/agent-spec";
import type { UseTemplateParsed } from "./inputs";
import { openDraft } from "../spec/draft";
import { saveConsultation } from "./state";
import { assertNothingInvalid, findTemplate } from "./templates";
import { renderTemplateText, TEMPLATED_FIELDS } from "./template-text";

/**
 * Text fields a template sets are locked, so describing the agent afterwards refines the
 * spec (tools, traffic, budget) without replacing the template's prompt and name.
 */
const LOCKED_FROM_TEMPLATE = ["name", "description", "systemPrompt"] as const;

/**
 * Creates a project whose spec draft is the template's spec. A user template's text is
 * rendered with the given variables by the safe liquid engine (built-ins are plain text).
 * The conversation opens with the PM summarising the spec and asking about the first gap.
 * If anything fails after the project was created, the project is removed again.
 * @throws DomainError invalid naming a missing variable or a field the rendered text breaks.
 */
export async function useTemplate(deps: { platform: Platform; registry: SpecRegistry }, userId: string, input: UseTemplateParsed): Promise<{ project: Project; completeness: number }> {
  const { platform, registry } = deps;
  const template = await findTemplate(platform, userId, input.templateId);
  const spec: AgentSpecDraft = structuredClone(template.spec);
  if (template.source === "mine") {
    for (const field of TEMPLATED_FIELDS) {
      const text = spec[field];
      if (typeof text === "string") spec[field] = await renderTemplateText(text, input.variables, field);
    }
  }
  assertNothingInvalid(spec);
  const draft: SpecDraft = { ...spec, lockedPaths: LOCKED_FROM_TEMPLATE.filter((p) => spec[p] !== undefined) };
  const project = await createProject(platform.db, userId, { name: input.projectName, description: template.description });
  try {
    const context = await openDraft(platform.dynamo, project.id, userId);
    const assessed = assessCompleteness(draft, registry.tools);
    const transition = autoAdvance(initialWorkflow(), assessed.completeness);
    await saveConsultation(deps, { projectId: project.id, ownerId: userId, rev: context.rev }, { draft, workflow: transition.state }, transition.events);
    const reply = composePmReply({ draft, ...assessed, changed: assessed.filled.filter((p) => p !== "tools" || draft.tools !== undefined), unresolvedTools: [] }, registry);
    await appendMessage(platform.dynamo, { projectId: project.id, role: "assistant", content: `This project starts from the template “${template.name}”.\n\n${reply}`, servedBy: "template" });
    return { project, completeness: assessed.completeness };
  } catch (e) {
    await deleteProjectEverywhere(platform, userId, project.id).catch((err) => log.error("removing a half-created project failed", { projectId: project.id, error: String(err) }));
    throw e;
  }
}

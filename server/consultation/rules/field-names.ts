import type { ToolEntry } from "../../registry/schema";
import type { SpecIssue } from "../../spec/agent-spec";
import type { SpecDraft } from "./draft";
import { humanizeSetting, toolConfigTarget } from "./extraction/tool-config";
import { misfitAt, misfitLabel } from "./tool-misfits";

export { humanizeSetting };

/** Spec fields in the user's words (the Consultation tab's labels). */
const FIELD_NAMES: Record<string, string> = {
  "requirements.useCase": "Use case",
  description: "Description",
  tools: "Tools",
  "requirements.requestsPerDay": "Traffic",
  "requirements.monthlyBudgetUsd": "Budget",
  "deployment.target": "Deployment target",
  "model.id": "Model",
  model: "Model",
  deployment: "Deployment target",
  systemPrompt: "System prompt",
  name: "Agent name",
  language: "Language",
  "deployment.region": "Region",
  "memory.type": "Memory",
  "security.maxInputChars": "Maximum input length",
  "security.secretsSource": "Secrets source",
};

/**
 * A spec path as the user knows it: "tools.0.config.knowledge_base_id" → "Knowledge base
 * ID for Bedrock Knowledge Base", "model.id" → "Model". Unknown paths are returned as is.
 */
export function settingName(path: string, draft: SpecDraft, tools: readonly ToolEntry[]): string {
  const target = toolConfigTarget(path, draft, tools);
  if (target) return `${humanizeSetting(target.param.name)} for ${target.entry.name}`;
  const misfit = misfitAt(path, draft, tools);
  if (misfit) return misfitLabel(misfit);
  return FIELD_NAMES[path] ?? path;
}

/**
 * Spec validation issues in the user's words, for a message a person reads:
 * "System prompt is missing; Model is missing" rather than dotted paths.
 */
export function describeSpecIssues(issues: readonly SpecIssue[], draft: SpecDraft, tools: readonly ToolEntry[]): string {
  return issues.map((i) => (i.kind === "missing" ? `${settingName(i.path, draft, tools)} is missing` : `${settingName(i.path, draft, tools)}: ${i.message}`)).join("; ");
}

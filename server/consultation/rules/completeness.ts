import type { ToolEntry } from "../../registry/schema";
import { validateSpec } from "../../spec/agent-spec";
import { getPath, specInputOf, type SpecDraft } from "./draft";
import { missingToolConfig } from "./extraction/tool-config";
import { draftMisfits } from "./tool-misfits";

/**
 * What a spec needs before code generation, most important first. The order is the
 * order the PM asks in; weights make the score reflect how much of the agent is known
 * (knowing what it does matters more than knowing its name).
 */
export const SPEC_FIELDS = [
  { path: "requirements.useCase", weight: 3, optional: false },
  { path: "description", weight: 2, optional: false },
  { path: "tools", weight: 2, optional: true },
  { path: "requirements.requestsPerDay", weight: 1.5, optional: true },
  { path: "requirements.monthlyBudgetUsd", weight: 1.5, optional: true },
  { path: "deployment.target", weight: 1, optional: false },
  { path: "model.id", weight: 2, optional: false },
  { path: "systemPrompt", weight: 1, optional: false },
  { path: "name", weight: 1, optional: false },
] as const;

export type SpecFieldPath = (typeof SPEC_FIELDS)[number]["path"];

/** Optional fields the user may decline to answer ("not sure yet"); the PM stops asking. */
export const SKIPPABLE = new Set<string>(SPEC_FIELDS.filter((f) => f.optional).map((f) => f.path));

const BASE_WEIGHT = SPEC_FIELDS.reduce((sum, f) => sum + f.weight, 0);
/** A required tool setting (a Knowledge Base id), or a tool that does not fit, counts half a field. */
const TOOL_SETTING_WEIGHT = 0.5;

export type Completeness = {
  /** 0–1; 1 only when nothing is missing and the draft is a valid AgentSpec. */
  completeness: number;
  /** Dotted paths, most important first; invalid fields follow the missing ones. */
  missing: string[];
  filled: string[];
};

function isFilled(draft: SpecDraft, path: string): boolean {
  if ((draft.skippedPaths ?? []).includes(path) && SKIPPABLE.has(path)) return true;
  const value = getPath(draft, path);
  // The agent's own API operations (apiTools) answer "which tools" as well as registry tools do.
  if (path === "tools") return Array.isArray(value) || (Array.isArray(draft.apiTools) && draft.apiTools.length > 0);
  if (typeof value === "string") return value.trim().length > 0;
  return value !== undefined && value !== null;
}

/**
 * Scores a draft. With the registry's tools, required tool settings without a value
 * are missing too (asked right after the tools themselves).
 */
export function assessCompleteness(draft: SpecDraft, tools: readonly ToolEntry[] = []): Completeness {
  const filled: string[] = [];
  const missing: string[] = [];
  let score = 0;
  for (const field of SPEC_FIELDS) {
    if (isFilled(draft, field.path)) {
      filled.push(field.path);
      score += field.weight;
    } else missing.push(field.path);
    // A required tool setting answered "not yet" stays missing: generation cannot do without it.
    // (The PM stops asking about it; nextQuestion skips skipped paths.)
    if (field.path === "tools") {
      // A tool the generator would refuse for the language or target (tools.N.id) is not an answer yet.
      missing.push(...draftMisfits(draft, tools).map((m) => m.path));
      missing.push(...missingToolConfig({ ...draft, skippedPaths: [] }, tools));
    }
  }
  const settings = missing.filter((p) => p.startsWith("tools.")).length;
  const total = BASE_WEIGHT + settings * TOOL_SETTING_WEIGHT;
  if (missing.length === 0) {
    const result = validateSpec(specInputOf(draft));
    if (!result.ok) {
      // Every field is there but one is wrong (an edit out of range): not complete yet.
      const invalid = [...new Set(result.issues.map((i) => i.path))];
      return { completeness: Math.min(0.99, round(score / total)), missing: invalid, filled: filled.filter((p) => !invalid.includes(p)) };
    }
  }
  // 1 means complete: never round a draft with gaps up to it.
  return { completeness: missing.length ? Math.min(0.99, round(score / total)) : 1, missing, filled };
}

const round = (n: number) => Math.round(n * 100) / 100;

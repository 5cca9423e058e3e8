import { z } from "zod";
import type { ExtractionResult } from "./extract-spec";
import { getPath } from "./draft";
import { settingName } from "./field-names";
import { nextQuestion } from "./next-question";
import type { SpecRegistry } from "./registry-view";

/**
 * The PM persona's reply when no language model writes it (the offline model): confirm
 * what was understood from the last message, then ask about the most important gap.
 */

const TARGET_LABEL: Record<string, string> = {
  agentcore: "Bedrock AgentCore Runtime",
  "ecs-fargate": "ECS Fargate (containers)",
  lambda: "AWS Lambda (serverless)",
};

const FIELD_LABEL: Record<string, string> = {
  "requirements.monthlyBudgetUsd": "the monthly budget",
  "requirements.requestsPerDay": "the expected traffic",
  tools: "the tools",
};

type Reply = Pick<ExtractionResult, "draft" | "completeness" | "missing" | "changed" | "unresolvedTools" | "toolNotes" | "askedLast">;

const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 2 });

/** One line per changed field, in the user's terms. */
function describeChanges(r: Reply, registry: SpecRegistry): string[] {
  const d = r.draft;
  const lines: string[] = [];
  const has = (p: string) => r.changed.includes(p);
  if (has("requirements.useCase")) lines.push(`Use case: ${d.requirements?.useCase}`);
  if (has("tools")) {
    const names = (d.tools ?? []).map((t) => registry.tools.find((e) => e.id === t.id)?.name ?? t.id);
    lines.push(`Tools: ${names.length ? names.join(", ") : "none — it will answer from the model alone"}`);
  }
  for (const path of r.changed.filter((p) => p.startsWith("tools.") && !has("tools"))) {
    const [, index, , key] = path.split(".");
    const choice = d.tools?.[Number(index)];
    const name = registry.tools.find((e) => e.id === choice?.id)?.name ?? choice?.id;
    lines.push(`${name}: ${key} = ${String((choice?.config as Record<string, unknown> | undefined)?.[key!])}`);
  }
  if (has("apiTools")) {
    const operations = (d.apiTools ?? []).flatMap((api) => api.operations.map((o) => `${o.method} ${api.baseUrl}${o.path}`));
    if (operations.length) lines.push(`Your API as tools: ${operations.join(", ")} (the Tools tab lists them)`);
  }
  if (has("guardrails")) {
    const topics = (d.guardrails?.deniedTopics ?? []).map((t) => t.name);
    if (topics.length) lines.push(`Topics it declines (a Bedrock guardrail): ${topics.join(", ")}`);
  }
  if (has("requirements.requestsPerDay")) lines.push(`Traffic: about ${fmt(d.requirements!.requestsPerDay!)} requests a day`);
  if (has("requirements.monthlyBudgetUsd")) lines.push(`Budget: $${fmt(d.requirements!.monthlyBudgetUsd!)} a month`);
  if (has("requirements.latencyTargetMs")) lines.push(`Replies within ${fmt(d.requirements!.latencyTargetMs!)} ms`);
  if (has("deployment.target") || has("deployment.region")) {
    const region = d.deployment?.region ? ` in ${d.deployment.region}` : "";
    lines.push(`Runs on: ${TARGET_LABEL[String(d.deployment?.target)] ?? d.deployment?.target}${region}`);
  }
  if (has("language")) lines.push(`Code language: ${d.language === "typescript" ? "TypeScript" : "Python"}`);
  if (has("memory.type")) lines.push(`Memory: ${d.memory?.type === "none" ? "none (stateless)" : `long-term (${d.memory?.type})`}`);
  if (has("model.id")) {
    const model = registry.models.find((m) => m.id === d.model?.id);
    lines.push(`Model: ${model ? `${model.name} (${model.id})` : d.model?.id}`);
  }
  if (has("name")) lines.push(`Name: ${d.name}`);
  const open = (d.skippedPaths ?? []).map((p) => FIELD_LABEL[p] ?? p);
  if (has("skippedPaths") && open.length) lines.push(`Left open for now: ${open.join(", ")} (add ${open.length > 1 ? "them" : "it"} in the form any time)`);
  return lines;
}

/** Required secret env variables of the draft's tools, e.g. `TAVILY_API_KEY`. */
function secretsOf(r: Reply, registry: SpecRegistry): string[] {
  const names = (r.draft.tools ?? []).flatMap((t) => registry.tools.find((e) => e.id === t.id)?.env.filter((v) => v.secret && v.required).map((v) => v.name) ?? []);
  return [...new Set(names)];
}

export function composePmReply(r: Reply, registry: SpecRegistry): string {
  const parts: string[] = [];
  const lines = describeChanges(r, registry);
  if (lines.length) parts.push(`Here is what I understood:\n${lines.map((l) => `- ${l}`).join("\n")}`);
  else if (getPath(r.draft, "requirements.useCase") === undefined) parts.push("Hi, I'm your product manager for this agent.");
  else parts.push("Noted, nothing in the spec changed with that.");
  if (r.changed.includes("deployment.target") && r.draft.deployment?.target === "agentcore") {
    parts.push("I picked AgentCore Runtime as the default; say \"Lambda\" or \"Fargate\" if you prefer.");
  }
  parts.push(...(r.toolNotes ?? []));
  for (const label of r.unresolvedTools) parts.push(`The registry has no tool for ${label} yet; pick one in the Tools form if you have one in mind.`);
  const secrets = r.changed.includes("tools") ? secretsOf(r, registry) : [];
  if (secrets.length) {
    const they = secrets.length > 1 ? "they are" : "it is";
    parts.push(`At run time the agent will need the secret ${secrets.join(", ")}; ${they} read from Secrets Manager and never stored in the spec.`);
  }
  const question = nextQuestion(r.missing, { draft: r.draft, tools: registry.tools, askedLast: r.askedLast });
  if (question) parts.push(`The spec is ${Math.round(r.completeness * 100)}% complete. ${question}`);
  else if (r.missing.length > 0) parts.push(openSettingsReply(r, registry));
  else parts.push("The spec is complete. Review it beside the chat, edit anything you like, and press Generate when you are ready.");
  return parts.join("\n\n");
}

/** Nothing left to ask, but required settings the user put off are still open: never "complete". */
function openSettingsReply(r: Reply, registry: SpecRegistry): string {
  const names = r.missing.map((p) => settingName(p, r.draft, registry.tools));
  return `The spec is ${Math.round(r.completeness * 100)}% complete. Before you can generate, set ${names.join(", ")} in the spec beside the chat (or in the Tools tab).`;
}

const OPEN = "<spec-state>";
const CLOSE = "</spec-state>";

/**
 * The system prompt for a language model playing the PM. It carries the extraction
 * result as JSON so any model sees the current draft and what is missing; the offline
 * model reads the same block back and answers from it exactly.
 */
export function buildPmSystemPrompt(r: Reply, registry: SpecRegistry): string {
  const state = JSON.stringify({ draft: r.draft, completeness: r.completeness, missing: r.missing, changed: r.changed, unresolvedTools: r.unresolvedTools, toolNotes: r.toolNotes, askedLast: r.askedLast });
  const question = nextQuestion(r.missing, { draft: r.draft, tools: registry.tools, askedLast: r.askedLast });
  return [
    "You are the product manager of Agent Builder. You help the user specify an AI agent that will be generated and deployed on AWS.",
    "Confirm briefly what you understood from the user's last message, then ask exactly one question about the most important missing field.",
    "Do not invent numbers, tools or models; the draft below is the source of truth and the user can edit it beside the chat.",
    ...(r.toolNotes?.length ? [`Tell the user about these tool changes, in these words: ${r.toolNotes.join(" ")}`] : []),
    question
      ? `Missing fields, most important first: ${r.missing.join(", ")}. Suggested question: ${question}`
      : r.missing.length > 0
        ? `Nothing is left to ask, but the user must still set ${r.missing.map((p) => settingName(p, r.draft, registry.tools)).join(", ")} before generating: say so, and never call the spec complete.`
        : "The spec is complete: tell the user they can review it and press Generate.",
    `Current extraction state (JSON):\n${OPEN}${state.replace(/</g, "\\u003c")}${CLOSE}`,
  ].join("\n\n");
}

/** The extraction state embedded by buildPmSystemPrompt, or undefined when absent or unreadable. */
export function readPmState(system: string | undefined): Reply | undefined {
  const start = system?.lastIndexOf(OPEN) ?? -1;
  const end = system?.lastIndexOf(CLOSE) ?? -1;
  if (!system || start < 0 || end < start) return undefined;
  try {
    const state = PmState.safeParse(JSON.parse(system.slice(start + OPEN.length, end)));
    return state.success ? (state.data as Reply) : undefined;
  } catch {
    return undefined;
  }
}

const PmState = z.object({
  draft: z.record(z.string(), z.unknown()),
  completeness: z.number().min(0).max(1),
  missing: z.array(z.string()),
  changed: z.array(z.string()),
  unresolvedTools: z.array(z.string()),
  toolNotes: z.array(z.string()).optional(),
  askedLast: z.string().optional(),
});

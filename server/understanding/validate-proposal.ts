import { addEndpoint } from "../openapi/add-endpoint";
import type { ToolEntry } from "../registry/schema";
import { validateSpec, type AgentSpec } from "../spec/agent-spec";
import { getPath, setPath } from "../consultation/rules/draft";
import { refitTools } from "../consultation/rules/extraction/refit-tools";
import { defaultToolConfig } from "../consultation/rules/extraction/tool-config";
import { fittingAlternatives, toolMisfits } from "../registry/tool-fit";
import type { SpecRegistry } from "../consultation/rules/registry-view";
import type { Proposal } from "./proposal";

/** Paths a model may set with a patch; tools go through addTools/removeTools, never a raw list. */
export const PATCHABLE = /^(name|description|systemPrompt|language|model\.(id|temperature|maxTokens|topP)|memory\.(type|windowSize)|deployment\.(target|region|architecture|vcpu|memoryGb|idleTimeoutSeconds|cpu|memoryMb|desiredCount|loadBalancer|timeoutSeconds)|observability\.(logLevel|tracing|metrics)|security\.(maxInputChars|secretsSource)|requirements\.(useCase|capabilities|monthlyBudgetUsd|requestsPerDay|latencyTargetMs))$/;
/** The user's own words must ask for a security change ("raise the input limit", "use env secrets"). */
const ASKS_SECURITY = /\b(security|secrets?|secrets manager|env(ironment)? var\w*|input limit|max(imum)? input|maxinputchars|longer inputs?|input size)\b/i;
/** Text that tries to steer the model rather than describe the agent. */
const INJECTION = /\bignore (the|all|any|previous|prior|your) (schema|instructions|rules|validation)\b|\bdisregard (the|all) (schema|instructions|rules)\b/i;

/** Whether the user's own words ask for a security change (and do not try to steer the model). */
export const asksForSecurity = (userText: string): boolean => ASKS_SECURITY.test(userText) && !INJECTION.test(userText);

export type Rejected = { what: string; reason: string };
/** `notes`: tools swapped or left out because a language or target change made them unfit, one sentence each. */
export type Validated = { spec: AgentSpec; applied: string[]; rejected: Rejected[]; needs: string[]; notes: string[] };

/** Patches after which the tools must be checked again: they must fit the language and target. */
export const FIT_PATHS: ReadonlySet<string> = new Set(["language", "deployment.target"]);

/**
 * Applies a model's proposal to `spec` one operation at a time; an operation is kept only
 * when the spec stays valid against the AgentSpec schema and the registries (ids exist and
 * are active, the tool runs on the target in the language, config keys are the tool's own
 * with the right types), it touches no locked path, and a security change is asked for in
 * the user's own words. Pure: the same inputs give the same result.
 */
export function validateProposal(spec: AgentSpec, proposal: Proposal, ctx: { registry: SpecRegistry; userText: string; locked?: readonly string[] }): Validated {
  let working = spec;
  const applied: string[] = [];
  const rejected: Rejected[] = [];
  const locked = (path: string) => (ctx.locked ?? []).some((l) => path === l || path.startsWith(`${l}.`) || l.startsWith(`${path}.`));
  const securityAllowed = asksForSecurity(ctx.userText);
  const notes: string[] = [];
  const tryApply = (what: string, next: unknown, said: readonly string[] = []) => {
    const result = validateSpec(next);
    if (!result.ok) return void rejected.push({ what, reason: result.issues.map((i) => `${i.path} ${i.message}`).join("; ") });
    working = result.spec;
    applied.push(what);
    notes.push(...said);
  };
  /** A language or target change refits the tools with it (swaps said), or is refused when the user locked them. */
  const applyPatch = (what: string, path: string, value: unknown) => {
    const next = setPath(working, path, value);
    if (!FIT_PATHS.has(path)) return tryApply(what, next);
    const refit = refitTools(next.tools, ctx.registry.tools, { language: next.language, target: next.deployment.target, region: next.deployment.region });
    if (refit.replaced.length === 0) return tryApply(what, next);
    if (locked("tools")) return void rejected.push({ what, reason: `${refit.reasons.join("; ")}, and the tools are locked by the user` });
    tryApply(what, { ...next, tools: refit.tools }, refit.notes);
  };

  for (const patch of proposal.patches) {
    const what = `set ${patch.path}`;
    if (!PATCHABLE.test(patch.path)) rejected.push({ what, reason: `${patch.path} is not a field a change may set (tools are added or removed by id)` });
    else if (locked(patch.path)) rejected.push({ what, reason: `${patch.path} is locked by the user` });
    else if (patch.path.startsWith("security.") && !securityAllowed) rejected.push({ what, reason: "security settings change only when the user's own words ask for it" });
    else if (patch.path === "model.id" && !ctx.registry.models.some((m) => m.id === patch.value)) rejected.push({ what, reason: `model '${String(patch.value)}' is not in the model registry` });
    else if (JSON.stringify(getPath(working, patch.path)) !== JSON.stringify(patch.value)) applyPatch(what, patch.path, patch.value);
  }
  for (const id of proposal.removeTools) {
    if (locked("tools")) rejected.push({ what: `remove ${id}`, reason: "the tools are locked by the user" });
    else if (working.tools.some((t) => t.id === id)) tryApply(`remove ${id}`, { ...working, tools: working.tools.filter((t) => t.id !== id) });
  }
  for (const tool of proposal.addTools) {
    const reason = toolProblem(tool, { language: working.language, target: working.deployment.target }, ctx.registry.tools) ?? (locked("tools") ? "the tools are locked by the user" : undefined);
    if (reason) rejected.push({ what: `add ${tool.id}`, reason });
    else if (!working.tools.some((t) => t.id === tool.id)) {
      const entry = ctx.registry.tools.find((t) => t.id === tool.id)!;
      tryApply(`add ${tool.id}`, { ...working, tools: [...working.tools, { id: tool.id, config: { ...defaultToolConfig(entry, working.deployment.region), ...(tool.config ?? {}) } }] });
    }
  }
  for (const endpoint of proposal.addApiEndpoints) {
    const what = `add API endpoint ${endpoint.method} ${endpoint.url.slice(0, 200)}`;
    const added = locked("apiTools") ? { ok: false as const, reason: "the API tools are locked by the user" } : addEndpoint(working.apiTools ?? [], endpoint);
    if (!added.ok) rejected.push({ what, reason: added.reason });
    else if (!added.note) tryApply(what, { ...working, apiTools: added.apiTools });
  }
  return { spec: working, applied, rejected, needs: proposal.needs, notes };
}

/** Why a proposed tool cannot be added (unknown, deprecated, does not fit, bad settings), or undefined. */
export function toolProblem(tool: { id: string; config?: Record<string, unknown> }, spec: { language?: string; target?: AgentSpec["deployment"]["target"] }, tools: readonly ToolEntry[]): string | undefined {
  const entry = tools.find((t) => t.id === tool.id);
  if (!entry) return `'${tool.id}' is not in the tool registry`;
  if (entry.status !== "active") return `${entry.name} is deprecated${entry.replacedBy ? `; use ${entry.replacedBy}` : ""}`;
  const fit = { language: spec.language === "typescript" ? ("typescript" as const) : ("python" as const), target: spec.target };
  // The check of record: the generator refuses what it refuses.
  const misfit = toolMisfits(entry, fit)[0];
  if (misfit) {
    const alternative = fittingAlternatives(entry, (id) => tools.find((t) => t.id === id), fit)[0];
    return `${misfit.sentence}${alternative ? `; ${alternative.name} (${alternative.id}) fits` : ""}`;
  }
  for (const [key, value] of Object.entries(tool.config ?? {})) {
    const param = entry.config.find((p) => p.name === key);
    if (!param) return `${entry.name} has no setting '${key}' (it has ${entry.config.map((p) => p.name).join(", ") || "none"})`;
    if (param.secret) return `${entry.name}'s ${key} is a secret: it belongs in the environment, not the spec`;
    if (typeof value !== param.type) return `${entry.name}'s ${key} must be a ${param.type}`;
  }
  return undefined;
}

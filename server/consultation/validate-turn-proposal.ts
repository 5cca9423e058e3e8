import type { SpecDraft, SpecRegistry } from "./rules";
import { defaultToolConfig } from "./rules/extraction/tool-config";
import type { Proposal } from "../understanding/proposal";
import { asksForSecurity, FIT_PATHS, PATCHABLE, toolProblem, type Rejected } from "../understanding/validate-proposal";
import { refitTools } from "./rules/extraction/refit-tools";
import { SecuritySpec } from "../spec/agent-spec";
import { applyEdit } from "./spec-edit";

const TOOL_SETTING = /^tools\.\d{1,2}\.config\.[a-z][a-z0-9_]*$/;

/** `notes`: tools swapped or left out because the turn changed the language or target, one sentence each. */
export type ValidatedTurn = { draft: SpecDraft; applied: string[]; rejected: Rejected[]; needs: string[]; notes: string[] };

/**
 * A consultation turn's proposal applied to the draft, one operation at a time. The draft
 * may be incomplete, so each value is checked against its own AgentSpec field schema and
 * the registries (the checks a hand edit in the Consultation tab gets, `applyEdit`), but
 * unlike a hand edit a model's value does not lock the field. An operation is dropped,
 * with the reason, when the field is not one a turn may set, the user locked it, it
 * weakens security without the user's own words asking, it clears a value, or the value
 * does not validate.
 * Pure: the same inputs give the same result.
 */
export function validateTurnProposal(draft: SpecDraft, proposal: Proposal, ctx: { registry: SpecRegistry; userText: string }): ValidatedTurn {
  let working = draft;
  const notes: string[] = [];
  const applied: string[] = [];
  const rejected: Rejected[] = [];
  const locks = draft.lockedPaths ?? [];
  // A "tools" lock fixes which tools, not their settings: those lock one by one (as in the rule engine).
  const locked = (path: string) => (TOOL_SETTING.test(path) ? locks.includes(path) : locks.some((l) => path === l || path.startsWith(`${l}.`) || l.startsWith(`${path}.`)));
  /** Applies the edit; false (and said in `rejected`) when it throws. */
  const attempt = (what: string, edit: () => SpecDraft): boolean => {
    try {
      working = edit();
      applied.push(what);
      return true;
    } catch (e) {
      rejected.push({ what, reason: e instanceof Error ? e.message : String(e) });
      return false;
    }
  };

  for (const { path, value } of proposal.patches) {
    const what = `set ${path}`;
    let done = false;
    if (!PATCHABLE.test(path) && !TOOL_SETTING.test(path)) rejected.push({ what, reason: `${path} is not a field a turn may set (tools are added or removed by id)` });
    else if (locked(path)) rejected.push({ what, reason: `${path} is locked by the user` });
    else if (value === null || value === undefined) rejected.push({ what, reason: "a turn does not clear a field (the user does, in the spec beside the chat)" });
    else if (path.startsWith("security.") && !asksForSecurity(ctx.userText)) rejected.push({ what, reason: "security settings change only when the user's own words ask for it" });
    else if (path.startsWith("security.")) done = attempt(what, () => setSecurity(working, path, value));
    else done = attempt(what, () => ({ ...applyEdit(working, path, value, ctx.registry), lockedPaths: working.lockedPaths }));
    if (FIT_PATHS.has(path) && done) working = refit(working, ctx.registry, notes);
  }
  for (const id of proposal.removeTools) {
    if (!(working.tools ?? []).some((t) => t.id === id)) continue;
    if (locked("tools")) rejected.push({ what: `remove ${id}`, reason: "the tools are locked by the user" });
    else {
      working = { ...working, tools: (working.tools ?? []).filter((t) => t.id !== id) };
      applied.push(`remove ${id}`);
    }
  }
  for (const tool of proposal.addTools) {
    const what = `add ${tool.id}`;
    const reason = toolProblem(tool, { language: working.language, target: working.deployment?.target }, ctx.registry.tools) ?? (locked("tools") ? "the tools are locked by the user" : undefined);
    if (reason) rejected.push({ what, reason });
    else if (!(working.tools ?? []).some((t) => t.id === tool.id)) {
      const entry = ctx.registry.tools.find((t) => t.id === tool.id)!;
      const config = { ...defaultToolConfig(entry, working.deployment?.region), ...(tool.config ?? {}) };
      attempt(what, () => ({ ...applyEdit(working, "tools", [...(working.tools ?? []), { id: tool.id, config }], ctx.registry), lockedPaths: working.lockedPaths }));
    }
  }
  return { draft: working, applied, rejected, needs: proposal.needs.map((n) => n.trim()).filter(Boolean), notes };
}

/**
 * After a language or target change, the tools that no longer fit are swapped or left out
 * (said in `notes`), as the rule engine does. Tools the user locked stay: the spec's
 * completeness then names them.
 */
function refit(draft: SpecDraft, registry: SpecRegistry, notes: string[]): SpecDraft {
  if (!draft.tools || (draft.lockedPaths ?? []).includes("tools")) return draft;
  const result = refitTools(draft.tools, registry.tools, { language: draft.language, target: draft.deployment?.target, region: draft.deployment?.region });
  notes.push(...result.notes);
  return result.replaced.length ? { ...draft, tools: result.tools } : draft;
}

/** A security field, parsed by its own schema (the Consultation tab has no form for it). */
function setSecurity(draft: SpecDraft, path: string, value: unknown): SpecDraft {
  const key = path.slice("security.".length) as keyof typeof SecuritySpec.shape;
  const schema = SecuritySpec.shape[key];
  if (!schema) throw new Error(`${path} is not a security setting`);
  const parsed = schema.unwrap().safeParse(value);
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.issues[0]!.message}`);
  return { ...draft, security: { ...(draft.security ?? {}), [key]: parsed.data } };
}

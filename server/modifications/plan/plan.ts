import { DomainError } from "../../errors";
import { validateSpec, type AgentSpec } from "../../spec/agent-spec";
import { getPath, setPath } from "../../consultation/rules/draft";
import type { SpecRegistry } from "../../consultation/rules/registry-view";
import { splitClauses } from "./clauses";
import { apiEndpointRule } from "./rules-api";
import { modelRule } from "./rules-model";
import { iacRule, languageRule, memoryRule, regionRule, targetRule } from "./rules-deploy";
import { promptRule } from "./rules-prompt";
import { nameRule, requirementsRule } from "./rules-requirements";
import { refitModel } from "./rules-model";
import { refitSpecTools, toolRule } from "./rules-tools";
import { behaviourRule, systemsRule } from "./rules-needs";
import { applyAnswers, askForSettings, type Answers } from "./needs-input";
import type { ModificationPlan, PlanChange, Rule, RuleOutcome } from "./types";

/**
 * Order matters: a language or target change comes before tools are refitted to it. Each
 * rule sees the spec as the rules before it left it, so two rules never overwrite each
 * other's tool list.
 */
const RULES: Rule[] = [nameRule, languageRule, targetRule, iacRule, regionRule, memoryRule, modelRule, promptRule, apiEndpointRule, toolRule, systemsRule, behaviourRule, requirementsRule];
/**
 * Once an endpoint in a clause became an API tool, the clause needs no generic HTTP tool or
 * "system" note, and the later rules read it without its URL (no "calls <url>" prompt line).
 */
const AFTER_API = new Set<Rule>([toolRule, systemsRule]);
const withoutUrls = (s: string) => s.replace(/\bhttps?:\/\/[^\s"'<>]+/gi, "").replace(/\s+/g, " ").trim();

const EXAMPLES = `Try, for example: "add web search", "switch to a cheaper model", "deploy on Lambda instead", "make the prompt more formal", "use TypeScript" or "increase memory".`;

/**
 * The PM's plan for a change request in words, deterministic for the common requests.
 * Each clause of the request goes through the rules in order against a working copy of
 * the spec; a request nothing understands gives a plan with no changes that says so.
 */
export function planModification(spec: AgentSpec, request: string, registry: SpecRegistry, options: { answers?: Answers } = {}): ModificationPlan {
  const text = request.trim();
  if (!text) throw new DomainError("invalid", "The change request is empty");
  let working = spec;
  const changes: PlanChange[] = [];
  const warnings: string[] = [];
  const notes: string[] = [];
  const notUnderstood: string[] = [];
  const apply = (outcome: RuleOutcome) => {
    for (const edit of outcome.edits) {
      working = setPath(working, edit.path, edit.to);
      record(changes, spec, working, edit.path, edit.why);
    }
    warnings.push(...(outcome.warnings ?? []));
    notes.push(...(outcome.notes ?? []));
  };

  for (const clause of splitClauses(text)) {
    const before = working;
    let understood = false;
    let api = false;
    for (const rule of RULES) {
      if (api && AFTER_API.has(rule)) continue;
      const [text, original] = api ? [withoutUrls(clause.text), withoutUrls(clause.original)] : [clause.text, clause.original];
      const outcome = rule({ spec: working, clause: text, original, verb: clause.verb, registry });
      if (!outcome) continue;
      understood = true;
      api ||= rule === apiEndpointRule && outcome.edits.length > 0;
      apply(outcome);
    }
    if (!understood) {
      notUnderstood.push(clause.original);
      continue;
    }
    if (working.language !== before.language || working.deployment.target !== before.deployment.target) apply(refitSpecTools(working, registry.tools));
    if (working.deployment.region !== before.deployment.region) apply(refitModel(working, registry));
  }

  apply(applyAnswers(spec, working, registry.tools, options.answers ?? {}));
  const final = changes.filter((c) => JSON.stringify(c.from) !== JSON.stringify(c.to));
  const needsInput = askForSettings(spec, working, registry.tools);
  const patch = final.map((c) => ({ op: "set" as const, path: c.path, value: c.to }));
  const summary = summarize(final, notes, notUnderstood) + (needsInput.length ? ` ${askText(needsInput)}` : "");
  return { summary, changes: final, patch, warnings: [...new Set(warnings)], notUnderstood, needsInput, engine: "rules" };
}

function askText(needs: { label: string; toolId: string }[]): string {
  return `Before I can go on I need ${needs.map((n) => `the ${n.label}`).join(" and ")}: what ${needs.length > 1 ? "are they" : "is it"}? (Answer "not yet" to leave it open.)`;
}

/**
 * Records an edit as a change against the ORIGINAL spec. An edit inside an already
 * changed field ("deployment", then "deployment.region") folds into that change; an
 * edit of a whole field replaces the changes recorded inside it.
 */
function record(changes: PlanChange[], original: AgentSpec, working: AgentSpec, path: string, why: string) {
  const parent = changes.find((c) => path === c.path || path.startsWith(`${c.path}.`));
  if (parent) {
    Object.assign(parent, { to: getPath(working, parent.path), why: `${parent.why}; ${why}` });
    return;
  }
  const inside = changes.filter((c) => c.path.startsWith(`${path}.`));
  for (const child of inside) changes.splice(changes.indexOf(child), 1);
  const whyAll = [...inside.map((c) => c.why), why].join("; ");
  changes.push({ path, from: getPath(original, path), to: getPath(working, path), why: whyAll });
}

function summarize(changes: PlanChange[], notes: string[], notUnderstood: string[]): string {
  const parts: string[] = [];
  if (changes.length) parts.push(`Planned ${changes.length} change${changes.length > 1 ? "s" : ""}: ${changes.map((c) => c.why).join("; ")}.`);
  if (notes.length) parts.push(`${capital(notes.join("; "))}.`);
  if (notUnderstood.length) parts.push(`I did not understand ${notUnderstood.map((n) => `"${n}"`).join(", ")}. ${EXAMPLES}`);
  if (!parts.length) parts.push(`Nothing to change. ${EXAMPLES}`);
  return parts.join(" ");
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Applies a plan to the spec it was made for and returns the new, valid spec. A field
 * that no longer holds the plan's `from` value means the spec moved on since planning:
 * that is a conflict, not something to overwrite.
 */
export function applyPlan(spec: AgentSpec, plan: ModificationPlan): AgentSpec {
  for (const change of plan.changes) {
    if (JSON.stringify(getPath(spec, change.path)) !== JSON.stringify(change.from)) {
      throw new DomainError("conflict", `The spec changed since the plan was made (${change.path}); plan the modification again`, { path: change.path });
    }
  }
  let next: unknown = spec;
  for (const op of plan.patch) next = setPath(next as object, op.path, op.value);
  const result = validateSpec(next);
  if (!result.ok) {
    throw new DomainError("invalid", `The planned spec is not valid: ${result.issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, { issues: result.issues });
  }
  return result.spec;
}

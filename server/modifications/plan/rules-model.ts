import { recommendModels, type Recommendation } from "../../registry/recommend";
import type { Capability, ModelEntry } from "../../registry/schema";
import type { AgentSpec } from "../../spec/agent-spec";
import { findModelMention, regionalVariant } from "../../consultation/rules/extraction/models";
import type { Rule } from "./types";

const CHEAPER = /\b(cheaper|cheapest|less expensive|lower[- ]cost|low[- ]cost|reduce (the )?costs?|cut (the )?costs?|save money|budget model)\b/;
const BETTER = /\b(better|smarter|more capable|stronger|more powerful|best|higher[- ]quality)\b(\s+\w+){0,2}\s+(model|llm)\b/;

function needsOf(spec: AgentSpec): Capability[] {
  const caps = new Set<Capability>(spec.requirements.capabilities);
  if (spec.tools.length > 0) caps.add("toolUse");
  return [...caps];
}

function ranked(spec: AgentSpec, models: readonly ModelEntry[]): Recommendation[] {
  return recommendModels(models, {
    useCase: `${spec.requirements.useCase ?? ""} ${spec.description}`.slice(0, 2_000),
    requiredCapabilities: needsOf(spec),
    requestsPerDay: spec.requirements.requestsPerDay,
    includeVariants: true,
    limit: 200,
  });
}

const usd = (n: number | null) => (n === null ? "an unknown amount" : `$${n.toFixed(2)}`);

/** "switch to a cheaper model", "use Claude Haiku", "use a better model". */
export const modelRule: Rule = ({ spec, clause, registry }) => {
  const current = registry.models.find((m) => m.id === spec.model.id);
  const named = findModelMention(clause, registry.models, spec.deployment.region);
  if (named) {
    if (named.id === spec.model.id) return { edits: [], notes: [`the agent already uses ${named.name}`] };
    return { edits: [{ path: "model.id", to: named.id, why: `uses ${named.name} as asked` }] };
  }
  if (CHEAPER.test(clause)) {
    const options = ranked(spec, registry.models).filter((r) => r.monthlyCostUsd !== null && (!current || r.model.provider === current.provider));
    const currentCost = options.find((r) => r.model.id === spec.model.id)?.monthlyCostUsd ?? null;
    const cheaper = options.filter((r) => currentCost === null || r.monthlyCostUsd! < currentCost);
    const byCost = (a: Recommendation, b: Recommendation) => a.monthlyCostUsd! - b.monthlyCostUsd! || a.model.id.localeCompare(b.model.id);
    const pick = [...cheaper.filter((r) => r.model.recommended)].sort(byCost)[0] ?? [...cheaper].sort(byCost)[0];
    if (!pick) return { edits: [], notes: [`no registry model with ${needsOf(spec).join(", ") || "the needed capabilities"} is cheaper than ${current?.name ?? spec.model.id}`] };
    const model = regionalVariant(registry.models, pick.model, spec.deployment.region);
    const why = `${model.name} is the cheapest ${pick.model.recommended ? "recommended " : ""}model with ${needsOf(spec).join(", ") || "the needed capabilities"}: about ${usd(pick.monthlyCostUsd)} a month at your traffic, against ${usd(currentCost)} for ${current?.name ?? spec.model.id}`;
    return { edits: [{ path: "model.id", to: model.id, why }] };
  }
  if (BETTER.test(clause)) {
    const top = ranked(spec, registry.models).find((r) => r.model.id !== spec.model.id && (r.model.pricing.outputPer1M ?? 0) > (current?.pricing.outputPer1M ?? 0));
    if (!top) return { edits: [], notes: ["the current model is already the registry's strongest fit"] };
    const model = regionalVariant(registry.models, top.model, spec.deployment.region);
    return { edits: [{ path: "model.id", to: model.id, why: `${model.name} ranks highest for this use case among stronger models (${top.reasons[0] ?? "registry recommendation"})` }] };
  }
  return undefined;
};

/** After a region change: the model's inference profile for the new geography, when it has one. */
export function refitModel(spec: AgentSpec, registry: { models: readonly ModelEntry[] }) {
  const current = registry.models.find((m) => m.id === spec.model.id);
  if (!current) return { edits: [] };
  const variant = regionalVariant(registry.models, current, spec.deployment.region);
  if (variant.id === current.id) return { edits: [] };
  return { edits: [{ path: "model.id", to: variant.id, why: `uses ${variant.name} so requests stay near ${spec.deployment.region}` }] };
}

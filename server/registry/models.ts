import { ModelFilterInput, parseInput } from "./inputs";
import type { ModelEntry } from "./schema";

/** Lower-cased text a search matches against, computed once per entry. */
const haystacks = new WeakMap<ModelEntry, string>();
function haystack(m: ModelEntry): string {
  let text = haystacks.get(m);
  if (text === undefined) {
    text = [m.id, m.name, m.vendor, m.family, m.provider, m.inferenceProfile ?? ""].join(" ").toLowerCase();
    haystacks.set(m, text);
  }
  return text;
}

const asList = <T>(v: T | T[] | undefined): T[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);

/**
 * Filters models, keeping registry order. An unknown fact never passes a filter on it:
 * a model whose price is unknown (null) is not "under" a price cap, a null capability is
 * not a supported one, an unknown context window is not "at least" anything.
 * Search matches every whitespace-separated term against id, name, vendor, family and provider.
 */
export function filterModels(models: readonly ModelEntry[], filter: ModelFilterInput = {}): ModelEntry[] {
  const f = parseInput(ModelFilterInput, filter);
  const providers = asList(f.provider);
  const statuses = asList(f.status);
  const terms = (f.search ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  return models.filter((m) => {
    if (providers && !providers.includes(m.provider)) return false;
    if (statuses && !statuses.includes(m.status)) return false;
    if (f.recommendedOnly && !m.recommended) return false;
    if (f.capabilities && !f.capabilities.every((c) => m.capabilities[c] === true)) return false;
    if (f.maxInputPrice !== undefined && (m.pricing.inputPer1M === null || m.pricing.inputPer1M > f.maxInputPrice)) return false;
    if (f.maxOutputPrice !== undefined && (m.pricing.outputPer1M === null || m.pricing.outputPer1M > f.maxOutputPrice)) return false;
    if (f.minContext !== undefined && (m.contextWindow === null || m.contextWindow < f.minContext)) return false;
    if (terms.length > 0) {
      const text = haystack(m);
      if (!terms.every((t) => text.includes(t))) return false;
    }
    return true;
  });
}

import MiniSearch from "minisearch";
import type { ToolEntry } from "../../../registry/schema";
import { SYSTEMS_WITHOUT_TOOL, TOOL_NAMES } from "./tool-names";

/**
 * Full-text search over the registry (MiniSearch: BM25 with field boosts, fuzzy terms).
 * Two uses: `spotSystems` finds the systems a message names, typos included ("confluance"),
 * and `searchTools` ranks tools for a need in words (the candidates a model is shown).
 * Words are indexed with their bigrams ("google_drive") so two-word names match as one.
 */

type Doc = { id: string; toolId?: string; missing?: string; names: string; name: string; description: string; category: string };
type Index = { search: MiniSearch<Doc>; names: MiniSearch<Doc>; tools: Map<string, ToolEntry> };

const STOP = new Set(["the", "a", "an", "our", "my", "to", "of", "and", "or", "in", "on", "for", "with", "it", "its", "we", "us", "from", "that", "this", "is", "be", "can"]);

/** Words plus joined bigrams, lower case, stop words out (kept for bigrams: "sql server"). */
export function tokenize(text: string): string[] {
  const words = text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").split(/[^a-z0-9.]+/).map((w) => w.replace(/^\.+|\.+$/g, "")).filter(Boolean);
  const out: string[] = [];
  words.forEach((w, i) => {
    if (!STOP.has(w)) out.push(w);
    if (i + 1 < words.length) out.push(`${w}_${words[i + 1]}`);
  });
  return out;
}
const nameKey = (name: string) => tokenize(name).filter((t) => t.includes("_") || !name.includes(" ")).pop() ?? name;

const cache = new WeakMap<readonly ToolEntry[], Index>();

function indexFor(tools: readonly ToolEntry[]): Index {
  const hit = cache.get(tools);
  if (hit) return hit;
  const active = tools.filter((t) => t.status === "active");
  const docs: Doc[] = active.map((t) => ({ id: t.id, toolId: t.id, names: (TOOL_NAMES[t.id] ?? []).map(nameKey).join(" "), name: t.name, description: t.description, category: t.category }));
  const missing: Doc[] = SYSTEMS_WITHOUT_TOOL.map((s) => ({ id: `missing:${s}`, missing: s, names: nameKey(s), name: s, description: "", category: "" }));
  const options = { fields: ["names", "name", "description", "category"], storeFields: ["toolId", "missing"], tokenize, processTerm: (t: string) => t };
  const search = new MiniSearch<Doc>(options);
  search.addAll(docs);
  // Names only, split on spaces: a query term matches a whole name or not at all.
  const names = new MiniSearch<Doc>({ ...options, fields: ["names"], tokenize: (s: string) => s.split(" ").filter(Boolean) });
  names.addAll([...docs.filter((d) => d.names), ...missing]);
  const index = { search, names, tools: new Map(active.map((t) => [t.id, t])) };
  cache.set(tools, index);
  return index;
}

/** Typos are forgiven in longer names only: "confluance", but never "exa" for "era". */
const fuzzy = (term: string) => (term.includes("_") ? false : term.length >= 7 ? 0.2 : term.length >= 5 ? 0.15 : false);

export type Spotted = { term: string; index: number; tools: ToolEntry[]; missing?: string };

/**
 * The systems `text` names, in order, each with the registry tools that serve it (best
 * first) or, for a system the registry has no tool for, its name in `missing`.
 */
export function spotSystems(text: string, tools: readonly ToolEntry[]): Spotted[] {
  const idx = indexFor(tools);
  const lower = text.toLowerCase();
  const terms = [...new Set(tokenize(text))];
  // One query for all terms; each matched name is one spot.
  const hits = idx.names.search(terms.join(" "), { fuzzy, prefix: false, combineWith: "OR" });
  const byName = new Map<string, { tools: ToolEntry[]; missing?: string; at: number }>();
  for (const hit of hits) {
    const at = Math.min(...hit.queryTerms.map((q) => lower.indexOf(q.split("_")[0]!)).filter((i) => i >= 0), lower.length);
    for (const name of Object.keys(hit.match)) {
      const spot = byName.get(name) ?? { tools: [], at };
      if (hit.missing) spot.missing = hit.missing as string;
      else if (hit.toolId) spot.tools.push(idx.tools.get(hit.toolId as string)!);
      byName.set(name, spot);
    }
  }
  const out: Spotted[] = [];
  const seen = new Set<string>();
  // Longer names first: "google_drive" wins over a fuzzy "gdrive" for the same system.
  for (const [name, spot] of [...byName.entries()].sort(([a], [b]) => b.length - a.length)) {
    const entries = spot.tools.sort((a, b) => order(a, name) - order(b, name));
    const key = spot.missing ?? entries.map((t) => t.id).join();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ term: name.replace(/_/g, " "), index: spot.at, tools: entries, missing: spot.missing });
  }
  return dropQualifiers(out.sort((a, b) => a.index - b.index));
}

/** "Supabase Postgres": a system name right after another of the same kind only qualifies it. */
function dropQualifiers(spots: Spotted[]): Spotted[] {
  return spots.filter((s, i) => {
    const prev = spots[i - 1];
    if (!prev || prev.missing || s.missing || !prev.tools[0] || !s.tools[0]) return true;
    return !(prev.tools[0].category === s.tools[0].category && s.index - prev.index <= prev.term.length + 2);
  });
}

/** Order of preference for a name: as listed in TOOL_NAMES (http_request before its vended twin). */
function order(tool: ToolEntry, key: string): number {
  const i = Object.keys(TOOL_NAMES).indexOf(tool.id);
  return (TOOL_NAMES[tool.id] ?? []).map(nameKey).includes(key) ? i : 1_000 + i;
}

/** Registry tools ranked for a need in words, best first (the candidates a model sees). */
export function searchTools(query: string, tools: readonly ToolEntry[], limit = 8): ToolEntry[] {
  const idx = indexFor(tools);
  const hits = idx.search.search(query, { fuzzy, prefix: (t) => t.length >= 4, combineWith: "OR", boost: { names: 4, name: 2, category: 1, description: 0.6 } });
  return hits.slice(0, limit).map((h) => idx.tools.get(h.id)).filter((t): t is ToolEntry => !!t);
}

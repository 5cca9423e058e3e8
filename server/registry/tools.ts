import { DomainError } from "../errors";
import { ToolConflictError, type ToolConflict } from "./errors";
import { Language, ResolveToolsInput, ValidateToolsInput, parseInput } from "./inputs";
import { mergePackages, type MergedPackage } from "./packages";
import type { IamStatement, PackageRequirement, PlatformId, ToolEntry } from "./schema";
import { fittingAlternatives, generatedEntry } from "./tool-fit";

export type ToolResolution = {
  language: Language;
  /** The dependency tree: each selected tool with its own packages for the language. */
  tools: {
    id: string;
    name: string;
    status: ToolEntry["status"];
    replacedBy: string | null;
    /** The replacement a deprecated tool is generated as (its packages are the ones listed); null when generated as itself. */
    generatedAs: { id: string; name: string } | null;
    packages: PackageRequirement[];
  }[];
  /** Every package once, extras united and version ranges intersected. */
  packages: MergedPackage[];
  /** Import lines of all tools, each once, in selection order. */
  imports: string[];
  env: { name: string; secret: boolean; required: boolean; description: string; requiredBy: string[] }[];
  /** IAM statements merged per resource set, actions sorted. */
  iam: IamStatement[];
  /** Selected tools with no implementation for the language, with alternatives that have one. */
  unavailable: { toolId: string; reason: string; alternatives: string[] }[];
};

export type ToolWarning = {
  toolId: string;
  target: PlatformId;
  severity: "unsupported" | "caveat" | "deprecated";
  reason: string;
  /** Active tools that do support the target. */
  alternatives: string[];
};

function selectTools(tools: readonly ToolEntry[], ids: readonly string[]): { byId: Map<string, ToolEntry>; selected: ToolEntry[] } {
  const byId = new Map(tools.map((t) => [t.id, t]));
  const selected = [...new Set(ids)].map((id) => {
    const tool = byId.get(id);
    if (!tool) throw new DomainError("not_found", `Tool '${id}' is not in the tool registry`, { id });
    return tool;
  });
  return { byId, selected };
}

/** Pairs of selected tools that declare a conflict (on either side), each pair once. */
function pairConflicts(selected: readonly ToolEntry[]): ToolConflict[] {
  const chosen = new Set(selected.map((t) => t.id));
  const found = new Map<string, ToolConflict>();
  for (const t of selected) {
    for (const c of t.conflicts) {
      if (!chosen.has(c.toolId)) continue;
      const pair = [t.id, c.toolId].sort() as [string, string];
      const key = pair.join("\u0000");
      if (!found.has(key)) found.set(key, { kind: "tools", tools: pair, reason: c.reason });
    }
  }
  return [...found.values()];
}

function mergeIam(selected: readonly ToolEntry[]): IamStatement[] {
  const byResources = new Map<string, { resources: string[]; actions: Set<string> }>();
  for (const statement of selected.flatMap((t) => t.iam)) {
    const resources = [...new Set(statement.resources)].sort();
    const key = resources.join("\u0000");
    const entry = byResources.get(key) ?? { resources, actions: new Set<string>() };
    statement.actions.forEach((a) => entry.actions.add(a));
    byResources.set(key, entry);
  }
  return [...byResources.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, s]) => ({ actions: [...s.actions].sort(), resources: s.resources }));
}

function mergeEnv(selected: readonly ToolEntry[]): ToolResolution["env"] {
  const byName = new Map<string, ToolResolution["env"][number]>();
  for (const t of selected) {
    for (const v of t.env) {
      const seen = byName.get(v.name);
      if (seen) {
        seen.requiredBy.push(t.id);
        seen.required ||= v.required;
        seen.secret ||= v.secret;
      } else byName.set(v.name, { ...v, requiredBy: [t.id] });
    }
  }
  return [...byName.values()];
}

/**
 * Resolves the dependencies of a tool selection for one language: packages (merged),
 * imports, environment variables and IAM statements.
 * @throws DomainError("not_found") for an unknown id; ToolConflictError when two selected
 *   tools conflict or a package's version ranges cannot all be met (all conflicts listed).
 */
export function resolveTools(tools: readonly ToolEntry[], ids: readonly string[], language: Language): ToolResolution {
  const input = parseInput(ResolveToolsInput, { ids, language });
  const { byId, selected } = selectTools(tools, input.ids);
  const lookup = (id: string) => byId.get(id);
  // What the generator builds: a deprecated tool as its active replacement (tool-fit.ts).
  const built = selected.map((t) => generatedEntry(t, lookup));
  const snippetOf = (t: ToolEntry) => (input.language === "python" ? t.python : t.typescript);
  const usable = built.filter((t) => snippetOf(t) !== null);
  const unavailable = selected.flatMap((t, i) => {
    const as = built[i]!;
    if (snippetOf(as) !== null) return [];
    const label = input.language === "python" ? "Python" : "TypeScript";
    const reason = as === t ? `'${t.id}' has no ${label} implementation` : `'${t.id}' is generated as '${as.id}', which has no ${label} implementation`;
    return [{ toolId: t.id, reason, alternatives: fittingAlternatives(t, lookup, { language: input.language }).map((a) => a.id) }];
  });
  const requirements = usable.flatMap((t) => snippetOf(t)!.packages.map((pkg) => ({ toolId: t.id, pkg })));
  const merged = mergePackages(requirements, input.language === "python" ? "pip" : "npm");
  // Declared conflicts are between the chosen ids (the registry names them); packages are the built ones'.
  const conflicts = [...pairConflicts(selected), ...merged.conflicts];
  if (conflicts.length > 0) throw new ToolConflictError(conflicts);
  return {
    language: input.language,
    tools: selected.map((t, i) => ({
      id: t.id,
      name: t.name,
      status: t.status,
      replacedBy: t.replacedBy,
      generatedAs: built[i] === t ? null : { id: built[i]!.id, name: built[i]!.name },
      packages: snippetOf(built[i]!)?.packages ?? [],
    })),
    packages: merged.packages,
    imports: [...new Set(usable.flatMap((t) => snippetOf(t)!.imports))],
    env: mergeEnv(usable),
    iam: mergeIam(usable),
    unavailable,
  };
}

/**
 * Checks each selected tool against a deployment target: unsupported tools and deprecated
 * ones get a warning with alternatives that work there; supported tools with a caveat
 * (e.g. "only /tmp is writable") get a "caveat" warning.
 * @throws DomainError("not_found") for an unknown id.
 */
export function validateToolsForTarget(tools: readonly ToolEntry[], ids: readonly string[], target: PlatformId): ToolWarning[] {
  const input = parseInput(ValidateToolsInput, { ids, target });
  const { byId, selected } = selectTools(tools, input.ids);
  const worksOnTarget = (id: string) => {
    const alt = byId.get(id);
    return alt !== undefined && alt.status === "active" && alt.platforms[input.target].supported;
  };
  const warnings: ToolWarning[] = [];
  for (const t of selected) {
    // Judged as what the generator builds: a deprecated tool as its replacement (tool-fit.ts).
    const built = generatedEntry(t, (id) => byId.get(id));
    const support = built.platforms[input.target];
    const as = built === t ? "" : `'${t.id}' is generated as '${built.id}': `;
    const alternatives = [...new Set([t.replacedBy, ...t.alternatives])].filter((a): a is string => a !== null && worksOnTarget(a));
    if (!support.supported) {
      warnings.push({ toolId: t.id, target: input.target, severity: "unsupported", reason: as + (support.reason ?? `'${built.id}' does not run on ${input.target}`), alternatives });
    } else if (support.reason) {
      warnings.push({ toolId: t.id, target: input.target, severity: "caveat", reason: as + support.reason, alternatives: [] });
    }
    if (t.status === "deprecated") warnings.push({ toolId: t.id, target: input.target, severity: "deprecated", reason: deprecationReason(t, built), alternatives });
  }
  return warnings;
}

/** What the deprecation means for the generated project: built as the replacement, or kept as it is. */
function deprecationReason(t: ToolEntry, built: ToolEntry): string {
  if (built !== t) return `'${t.id}' is deprecated; the project is generated with its replacement '${built.id}' (${built.name})`;
  return t.replacedBy ? `'${t.id}' is deprecated; its replacement '${t.replacedBy}' is not active, so '${t.id}' is kept` : `'${t.id}' is deprecated and has no direct replacement; it is kept`;
}

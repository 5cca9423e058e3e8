import type { ToolConflict } from "./errors";
import type { PackageRequirement } from "./schema";
import { formatRange, intersect, isSatisfiable, parseRange, type Ecosystem, type VersionRange } from "./version-range";

export type MergedPackage = {
  /** Package name; for pip with the union of requested extras, e.g. `strands-agents-tools[mem0-memory,rss]`. */
  name: string;
  /** The intersection of every tool's requirement, in the ecosystem's syntax. */
  version: string;
  requiredBy: { toolId: string; version: string }[];
};

type Requirement = { toolId: string; pkg: PackageRequirement };

/** `strands-agents-tools[rss]` → base name and extras; pip names compare case- and separator-insensitively (PEP 503). */
function splitName(name: string, ecosystem: Ecosystem): { key: string; base: string; extras: string[] } {
  if (ecosystem === "npm") return { key: name, base: name, extras: [] };
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[([^\]]*)\])?$/.exec(name.trim());
  const base = m?.[1] ?? name;
  const extras = (m?.[2] ?? "").split(",").map((e) => e.trim()).filter(Boolean);
  return { key: base.toLowerCase().replace(/[-_.]+/g, "-"), base, extras };
}

/**
 * Aggregates the package requirements of several tools: one entry per package, extras
 * united, version ranges intersected. A package whose ranges have no version in common
 * becomes a conflict that names every tool and range involved.
 */
export function mergePackages(requirements: readonly Requirement[], ecosystem: Ecosystem): { packages: MergedPackage[]; conflicts: ToolConflict[] } {
  const groups = new Map<string, { base: string; extras: Set<string>; reqs: Requirement[] }>();
  for (const r of requirements) {
    const { key, base, extras } = splitName(r.pkg.name, ecosystem);
    const group = groups.get(key) ?? { base, extras: new Set<string>(), reqs: [] };
    extras.forEach((e) => group.extras.add(e));
    group.reqs.push(r);
    groups.set(key, group);
  }
  const packages: MergedPackage[] = [];
  const conflicts: ToolConflict[] = [];
  for (const [, g] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const extras = [...g.extras].sort();
    const name = extras.length > 0 ? `${g.base}[${extras.join(",")}]` : g.base;
    const requiredBy = uniqueBy(g.reqs.map((r) => ({ toolId: r.toolId, version: r.pkg.version })), (x) => `${x.toolId}\u0000${x.version}`);
    const merged = mergeVersions(requiredBy.map((r) => r.version), ecosystem);
    if (merged.ok) packages.push({ name, version: merged.version, requiredBy });
    else conflicts.push({ kind: "package", package: g.base, constraints: requiredBy, reason: merged.reason });
  }
  return { packages, conflicts };
}

function mergeVersions(versions: string[], ecosystem: Ecosystem): { ok: true; version: string } | { ok: false; reason: string } {
  const distinct = [...new Set(versions)];
  let range: VersionRange;
  try {
    range = distinct.map((v) => parseRange(v, ecosystem)).reduce(intersect);
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
  if (!isSatisfiable(range)) return { ok: false, reason: `no version satisfies ${distinct.join(" and ")}` };
  // Keep the registry's own wording when every tool asks for the same thing.
  return { ok: true, version: distinct.length === 1 ? distinct[0]! : formatRange(range, ecosystem) };
}

function uniqueBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(key(item)) ? false : (seen.add(key(item)), true)));
}

import { Range, type SemVer } from "semver";

/**
 * Version ranges of pip specifiers (PEP 440 subset) and npm ranges, reduced to one interval
 * so the requirements of several tools can be intersected. npm ranges are parsed by the
 * `semver` package (npm's own); PEP 440 has no maintained JavaScript parser, so the pip
 * subset is read here:
 *   pip: `==`, `!=`, `>=`, `<=`, `>`, `<`, `~=`, `==X.*`, comma-separated;
 *   npm: anything `semver` reads as one comparator set (`^`, `~`, x-ranges, hyphen ranges, comparators).
 * Anything else (npm `||`, URLs, git refs) is rejected rather than guessed.
 */

export type Ecosystem = "pip" | "npm";
/** Numeric release parts plus a pre-release tag that sorts before the release. */
export type Version = { release: number[]; pre: string | null };
type Bound = { v: Version; inclusive: boolean };
export type VersionRange = { lower: Bound | null; upper: Bound | null; excluded: Version[] };

export class VersionRangeError extends Error {}

const ANY: VersionRange = { lower: null, upper: null, excluded: [] };

export function parseVersion(text: string): Version {
  const m = /^v?(\d+(?:\.\d+)*)(?:[-.]?((?:a|b|rc|alpha|beta|pre|dev)[.\w]*))?$/i.exec(text.trim());
  if (!m?.[1]) throw new VersionRangeError(`not a version: "${text}"`);
  return { release: m[1].split(".").map(Number), pre: m[2]?.toLowerCase() ?? null };
}

export function compareVersions(a: Version, b: Version): number {
  const len = Math.max(a.release.length, b.release.length);
  for (let i = 0; i < len; i++) {
    const d = (a.release[i] ?? 0) - (b.release[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (a.pre === b.pre) return 0;
  if (a.pre === null) return 1;
  if (b.pre === null) return -1;
  return a.pre < b.pre ? -1 : 1;
}

export const formatVersion = (v: Version) => `${v.release.join(".")}${v.pre ?? ""}`;

/** The next release after bumping part `index` (0 = major), e.g. bump(1.4.2, 1) = 1.5.0. */
function bump(v: Version, index: number): Version {
  const release = v.release.slice(0, index + 1).map((n, i) => (i === index ? n + 1 : n));
  while (release.length < 3) release.push(0);
  return { release, pre: null };
}

const lowerOnly = (v: Version, inclusive = true): VersionRange => ({ lower: { v, inclusive }, upper: null, excluded: [] });
const upperOnly = (v: Version, inclusive = false): VersionRange => ({ lower: null, upper: { v, inclusive }, excluded: [] });
const between = (lo: Version, hi: Version): VersionRange => ({ lower: { v: lo, inclusive: true }, upper: { v: hi, inclusive: false }, excluded: [] });
const exactly = (v: Version): VersionRange => ({ lower: { v, inclusive: true }, upper: { v, inclusive: true }, excluded: [] });

function comparator(op: string, text: string, ecosystem: Ecosystem): VersionRange {
  if (op === "==" && text.endsWith(".*")) {
    const v = parseVersion(text.slice(0, -2));
    return between(v, bump(v, v.release.length - 1));
  }
  const v = parseVersion(text);
  switch (op) {
    case "==": case "===": case "=": case "": return exactly(v);
    case ">=": return lowerOnly(v);
    case ">": return lowerOnly(v, false);
    case "<=": return upperOnly(v, true);
    case "<": return upperOnly(v);
    case "!=": return { ...ANY, excluded: [v] };
    // ~=1.4.2 → >=1.4.2,<1.5 ; ~=1.4 → >=1.4,<2
    case "~=": if (v.release.length < 2) break; return between(v, bump(v, v.release.length - 2));
  }
  throw new VersionRangeError(`unsupported ${ecosystem} operator "${op}" in "${op}${text}"`);
}

/** A semver version as an interval end; semver's `-0` (no pre-releases of the bound) is dropped. */
const fromSemver = (v: SemVer): Version => ({ release: [v.major, v.minor, v.patch], pre: v.prerelease.length === 0 || String(v.prerelease.join(".")) === "0" ? null : v.prerelease.join(".") });

/** An npm range through semver: one comparator set, each comparator an interval. */
function npmRange(text: string): VersionRange {
  if (text === "latest") return ANY;
  let range: Range;
  try {
    range = new Range(text);
  } catch {
    throw new VersionRangeError(`not an npm range: "${text}"`);
  }
  if (range.set.length !== 1) throw new VersionRangeError(`npm ranges with "||" are not supported: "${text}"`);
  return range.set[0]!.reduce<VersionRange>((acc, c) => {
    if (c.value === "") return acc; // "*"
    const v = fromSemver(c.semver);
    const op = c.operator;
    const part = op === ">=" ? lowerOnly(v) : op === ">" ? lowerOnly(v, false) : op === "<=" ? upperOnly(v, true) : op === "<" ? upperOnly(v) : exactly(v);
    return intersect(acc, part);
  }, ANY);
}

/** Parses one requirement string into a single interval. */
export function parseRange(spec: string, ecosystem: Ecosystem): VersionRange {
  const text = spec.trim();
  if (text === "") return ANY;
  if (ecosystem === "npm") return npmRange(text);
  return text
    .split(",")
    .map((item) => {
      const m = /^\s*(===|==|!=|~=|>=|<=|>|<)\s*([^\s,]+)\s*$/.exec(item);
      if (!m?.[1] || !m[2]) throw new VersionRangeError(`not a pip specifier: "${item.trim()}" in "${spec}"`);
      return comparator(m[1], m[2], "pip");
    })
    .reduce(intersect, ANY);
}

function tighter(a: Bound | null, b: Bound | null, side: "lower" | "upper"): Bound | null {
  if (!a) return b;
  if (!b) return a;
  const c = compareVersions(a.v, b.v);
  if (c === 0) return a.inclusive ? b : a;
  return (side === "lower" ? c > 0 : c < 0) ? a : b;
}

export function intersect(a: VersionRange, b: VersionRange): VersionRange {
  return { lower: tighter(a.lower, b.lower, "lower"), upper: tighter(a.upper, b.upper, "upper"), excluded: [...a.excluded, ...b.excluded] };
}

/** Whether any version lies in the range (a single remaining version may still be excluded). */
export function isSatisfiable(r: VersionRange): boolean {
  if (!r.lower || !r.upper) return true;
  const c = compareVersions(r.lower.v, r.upper.v);
  if (c < 0) return true;
  if (c > 0 || !r.lower.inclusive || !r.upper.inclusive) return false;
  return !r.excluded.some((x) => compareVersions(x, r.lower!.v) === 0);
}

/** Renders a range back as a requirement string of the ecosystem (">=1.54.0,<2.0.0" / ">=1.2.0 <2.0.0"). */
export function formatRange(r: VersionRange, ecosystem: Ecosystem): string {
  const sep = ecosystem === "pip" ? "," : " ";
  if (r.lower && r.upper && r.lower.inclusive && r.upper.inclusive && compareVersions(r.lower.v, r.upper.v) === 0) {
    return ecosystem === "pip" ? `==${formatVersion(r.lower.v)}` : formatVersion(r.lower.v);
  }
  const parts: string[] = [];
  if (r.lower) parts.push(`${r.lower.inclusive ? ">=" : ">"}${formatVersion(r.lower.v)}`);
  if (r.upper) parts.push(`${r.upper.inclusive ? "<=" : "<"}${formatVersion(r.upper.v)}`);
  const excluded = [...new Map(r.excluded.map((v) => [formatVersion(v), v])).keys()];
  if (ecosystem === "pip") parts.push(...excluded.map((v) => `!=${v}`));
  return parts.length === 0 ? (ecosystem === "pip" ? "" : "*") : parts.join(sep);
}

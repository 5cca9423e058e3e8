import { clean as cleanPep440, compare as comparePep440, explain as explainPep440 } from "@renovatebot/pep440";
import { parse as parsePipSpecifiers } from "@renovatebot/pep440/lib/specifier";
import { compare as compareSemver, Range, type SemVer } from "semver";

/**
 * Version ranges of pip specifiers (PEP 440) and npm ranges, reduced to one interval (plus
 * exclusions) so the requirements of several tools can be intersected. Both are parsed and
 * compared by well-kept libraries: npm ranges by `semver` (npm's own), pip specifiers and
 * versions by `@renovatebot/pep440` (Renovate's PEP 440 implementation).
 *   pip: `==`, `!=`, `>=`, `<=`, `>`, `<`, `~=`, `===`, `==X.*`, `!=X.*`, comma-separated;
 *        epochs, pre/post/dev releases and local versions are ordered as PEP 440 orders them.
 *   npm: anything `semver` reads as one comparator set (`^`, `~`, x-ranges, hyphen ranges, comparators).
 * Anything else (npm `||`, URLs, git refs, `===` of a non-version string) is rejected rather than guessed.
 */

export type Ecosystem = "pip" | "npm";
/** A version as its ecosystem writes it (normalised), compared by that ecosystem's rules. */
export type Version = { ecosystem: Ecosystem; text: string };
type Bound = { v: Version; inclusive: boolean };
/** Versions a `!=` removes: one version, or every version with a release prefix (`!=1.4.*`). */
type Exclusion = { spec: string; lower: Bound; upper: Bound };
export type VersionRange = { lower: Bound | null; upper: Bound | null; excluded: Exclusion[] };

export class VersionRangeError extends Error {}

const ANY: VersionRange = { lower: null, upper: null, excluded: [] };

export function compareVersions(a: Version, b: Version): number {
  if (a.ecosystem !== b.ecosystem) throw new VersionRangeError(`cannot compare a ${a.ecosystem} version with a ${b.ecosystem} one`);
  return a.ecosystem === "pip" ? comparePep440(a.text, b.text) : compareSemver(a.text, b.text);
}

export const formatVersion = (v: Version) => v.text;

/** A PEP 440 version in its normal form ("1.0.0-RC1" → "1.0.0rc1"), local label kept. */
function pipVersion(text: string): Version {
  const parts = explainPep440(text);
  if (!parts) throw new VersionRangeError(`not a version: "${text}"`);
  const normal = cleanPep440(parts.public);
  if (!normal) throw new VersionRangeError(`not a version: "${text}"`);
  return { ecosystem: "pip", text: parts.local ? `${normal}+${parts.local}` : normal };
}

/** The first release after every release starting with the first `length` parts, e.g. (1.4.2, 2) → 1.5.0. */
function nextRelease(text: string, length: number): Version {
  const { epoch, release } = explainPep440(text)!;
  const next = release.slice(0, length).map((n, i) => (i === length - 1 ? n + 1 : n));
  while (next.length < 3) next.push(0);
  return { ecosystem: "pip", text: `${epoch > 0 ? `${epoch}!` : ""}${next.join(".")}` };
}

const lowerOnly = (v: Version, inclusive = true): VersionRange => ({ lower: { v, inclusive }, upper: null, excluded: [] });
const upperOnly = (v: Version, inclusive = false): VersionRange => ({ lower: null, upper: { v, inclusive }, excluded: [] });
const between = (lo: Version, hi: Version): VersionRange => ({ lower: { v: lo, inclusive: true }, upper: { v: hi, inclusive: false }, excluded: [] });
const exactly = (v: Version): VersionRange => ({ lower: { v, inclusive: true }, upper: { v, inclusive: true }, excluded: [] });

type PipSpecifier = { operator: string; version?: string; prefix?: string | null; legacy?: string };

/** One parsed pip specifier as an interval. */
function pipComparator(s: PipSpecifier, spec: string): VersionRange {
  if (s.version === undefined) throw new VersionRangeError(`arbitrary equality with a non-version is not supported: "${s.operator}${s.legacy ?? ""}" in "${spec}"`);
  const v = pipVersion(s.version);
  const release = explainPep440(s.version)!.release;
  if (s.prefix) {
    // ==1.4.* → >=1.4,<1.5.0 (every 1.4 release); != excludes that same interval.
    const prefixRange = between(v, nextRelease(s.version, release.length));
    if (s.operator === "==") return prefixRange;
    if (s.operator === "!=") return { ...ANY, excluded: [{ spec: `${v.text}.*`, lower: prefixRange.lower!, upper: prefixRange.upper! }] };
  }
  switch (s.operator) {
    case "==": case "===": return exactly(v);
    case ">=": return lowerOnly(v);
    case ">": return lowerOnly(v, false);
    case "<=": return upperOnly(v, true);
    case "<": return upperOnly(v);
    case "!=": return { ...ANY, excluded: [{ spec: v.text, lower: { v, inclusive: true }, upper: { v, inclusive: true } }] };
    // ~=1.4.2 → >=1.4.2,<1.5.0 ; ~=1.4 → >=1.4,<2.0.0 (the library refuses a single part)
    case "~=": return between(v, nextRelease(s.version, release.length - 1));
  }
  throw new VersionRangeError(`unsupported pip operator "${s.operator}" in "${spec}"`);
}

/** A pip requirement: comma-separated specifiers, read by the PEP 440 library. */
function pipRange(text: string): VersionRange {
  const specifiers = parsePipSpecifiers(text) as PipSpecifier[] | null | undefined;
  if (!specifiers || specifiers.length === 0) throw new VersionRangeError(`not a pip specifier: "${text}"`);
  return specifiers.map((s) => pipComparator(s, text)).reduce(intersect, ANY);
}

/** A semver version as an interval end; semver's `-0` (no pre-releases of the bound) is dropped. */
function fromSemver(v: SemVer): Version {
  const pre = v.prerelease.length === 0 || v.prerelease.join(".") === "0" ? "" : `-${v.prerelease.join(".")}`;
  return { ecosystem: "npm", text: `${v.major}.${v.minor}.${v.patch}${pre}` };
}

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
  return ecosystem === "npm" ? npmRange(text) : pipRange(text);
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

/** Whether bound `a` lets in no version that `b` keeps out (a is at or beyond b on its side). */
function reaches(a: Bound, b: Bound, side: "lower" | "upper"): boolean {
  const c = compareVersions(a.v, b.v);
  if (c === 0) return a.inclusive || !b.inclusive;
  return side === "lower" ? c < 0 : c > 0;
}

/** Whether any version lies in the range: its bounds leave room, and no single exclusion covers all of it. */
export function isSatisfiable(r: VersionRange): boolean {
  if (r.lower && r.upper) {
    const c = compareVersions(r.lower.v, r.upper.v);
    if (c > 0 || (c === 0 && (!r.lower.inclusive || !r.upper.inclusive))) return false;
  }
  return !r.excluded.some((x) => r.lower && r.upper && reaches(x.lower, r.lower, "lower") && reaches(x.upper, r.upper, "upper"));
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
  if (ecosystem === "pip") parts.push(...[...new Set(r.excluded.map((x) => x.spec))].map((spec) => `!=${spec}`));
  return parts.length === 0 ? (ecosystem === "pip" ? "" : "*") : parts.join(sep);
}

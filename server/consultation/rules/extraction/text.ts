/**
 * Text helpers shared by the extraction rules. Everything works on a normalised copy
 * (lower case, straight quotes, single spaces) so patterns stay simple.
 */

export function normalize(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

/** Words that flip the meaning of a mention that follows them in the same clause. */
const NEGATION = /\b(no|not|without|never|don't|doesn't|dont|doesnt|won't|shouldn't|isn't|nor|neither|except|instead of|rather than|skip|drop|remove)\b[^.;:!?,]*$/;
const NEGATION_WINDOW = 40;

/** Whether the match at `index` in `text` is negated ("no web search", "doesn't need to search the web"). */
export function isNegatedAt(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - NEGATION_WINDOW), index);
  const clause = before.split(/[.;:!?,]|\bbut\b|\band\b|\balso\b/).pop() ?? "";
  return NEGATION.test(clause);
}

export type Mention = { index: number; negated: boolean; match: RegExpExecArray };

/** Every match of `pattern` (made global) with whether it is negated. */
export function findMentions(text: string, pattern: RegExp): Mention[] {
  const flags = pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`;
  const re = new RegExp(pattern.source, flags);
  const out: Mention[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ index: m.index, negated: isNegatedAt(text, m.index), match: m });
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

/** Splits into sentences, keeping the order; used to keep a number with its own context. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?;])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Cuts at a word boundary and never in the middle of a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  const out = space > max * 0.6 ? cut.slice(0, space) : cut;
  return out.replace(/[\ud800-\udbff]$/, "").trimEnd();
}

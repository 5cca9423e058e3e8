import { DomainError } from "../errors";

/**
 * The only ways a value reaches generated source code. User text becomes a string
 * literal through a language serializer; identifiers pass an allow-list; registry
 * snippets are wrapped as TrustedCode by the resolver. The template engine refuses
 * to print anything else (see liquid-engine.ts), so a template cannot interpolate
 * user text by accident.
 */

/** A fragment already serialized for its target language. */
export class SafeCode {
  constructor(readonly code: string) {}
  toString() {
    return this.code;
  }
}

/** Code copied verbatim from the registry (tool snippets). Never built from user text. */
export class TrustedCode extends SafeCode {}

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");

function assertWellFormed(s: string, what: string): void {
  if (!(s as string & { isWellFormed(): boolean }).isWellFormed()) {
    throw new DomainError("invalid", `${what} contains a lone surrogate (invalid Unicode)`);
  }
}

// Printable ASCII except the quote and the backslash passes through; everything else
// is escaped, so the literal is pure ASCII: no raw line separators, BOM, bidi
// overrides or NUL can reach a source file.
const NEEDS_ESCAPE = /[^\x20\x21\x23-\x5b\x5d-\x7e]/gu;

function escapeWith(s: string, astral: (cp: number) => string): string {
  return s.replace(NEEDS_ESCAPE, (ch) => {
    switch (ch) {
      case '"':
        return '\\"';
      case "\\":
        return "\\\\";
      case "\n":
        return "\\n";
      case "\r":
        return "\\r";
      case "\t":
        return "\\t";
    }
    const cp = ch.codePointAt(0)!;
    return cp > 0xffff ? astral(cp) : `\\u${hex(cp, 4)}`;
  });
}

/** A Python `str` literal (double-quoted, ASCII only) whose value is exactly `s`. */
export function pyStringLiteral(s: string, what = "text"): string {
  assertWellFormed(s, what);
  // Python's \uXXXX cannot express astral code points as surrogate pairs: use \U.
  return `"${escapeWith(s, (cp) => `\\U${hex(cp, 8)}`)}"`;
}

/** A TypeScript/JavaScript string literal (double-quoted, ASCII only) whose value is exactly `s`. */
export function tsStringLiteral(s: string, what = "text"): string {
  assertWellFormed(s, what);
  return `"${escapeWith(s, (cp) => `\\u{${cp.toString(16)}}`)}"`;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

const PY_KEYWORDS = new Set(
  ("False None True and as assert async await break class continue def del elif else except finally for from " +
    "global if import in is lambda nonlocal not or pass raise return try while with yield match case type _").split(" "),
);
const TS_RESERVED = new Set(
  ("break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "as implements interface let package private protected public static yield any boolean constructor declare get " +
    "module require number set string symbol type from of async await undefined").split(" "),
);

/** Accepts an identifier only if it matches the allow-list and is no keyword of either language. */
export function checkIdentifier(name: string, what = "identifier"): string {
  if (!IDENTIFIER.test(name) || PY_KEYWORDS.has(name) || TS_RESERVED.has(name)) {
    throw new DomainError("invalid", `${what} '${name.slice(0, 80)}' is not an allowed identifier`);
  }
  return name;
}

/** `my-agent` → `my_agent`: the agent name as a Python/TS identifier. */
export const snakeName = (agentName: string) => checkIdentifier(agentName.replace(/-/g, "_"), "agent name");

/** `my-agent` → `MyAgent`. */
export const pascalName = (agentName: string) =>
  checkIdentifier(
    agentName
      .split("-")
      .filter(Boolean)
      .map((p) => p[0]!.toUpperCase() + p.slice(1))
      .join(""),
    "agent name",
  );

const MD_SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~&]/g;

/**
 * User text for Markdown prose: control and line-separator characters become spaces
 * and every Markdown/HTML metacharacter is backslash-escaped, so it renders as text.
 */
export function markdownText(s: string, what = "text"): string {
  assertWellFormed(s, what);
  // eslint-disable-next-line no-control-regex
  const flat = s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, " ");
  return flat.replace(MD_SPECIAL, (c) => `\\${c}`).trim();
}

/** A JSON value (from the spec) as a literal of the target language; every string passes the string serializer. */
export type JsonLiteralValue = string | number | boolean | null | JsonLiteralValue[] | { [key: string]: JsonLiteralValue };

function jsonLiteral(value: JsonLiteralValue, str: (s: string) => string, words: { t: string; f: string; n: string }, what: string): string {
  if (value === null) return words.n;
  if (typeof value === "string") return str(value);
  if (typeof value === "boolean") return value ? words.t : words.f;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new DomainError("invalid", `${what} contains a number that is not finite`);
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => jsonLiteral(v, str, words, what)).join(", ")}]`;
  const entries = Object.entries(value).map(([k, v]) => `${str(k)}: ${jsonLiteral(v, str, words, what)}`);
  return `{${entries.join(", ")}}`;
}

/** A TypeScript expression (object/array literal) whose value is exactly `value`. */
export const tsJsonLiteral = (value: JsonLiteralValue, what = "value") =>
  new SafeCode(jsonLiteral(value, (s) => tsStringLiteral(s, what), { t: "true", f: "false", n: "null" }, what));

/** A Python expression (dict/list literal) whose value is exactly `value`. */
export const pyJsonLiteral = (value: JsonLiteralValue, what = "value") =>
  new SafeCode(jsonLiteral(value, (s) => pyStringLiteral(s, what), { t: "True", f: "False", n: "None" }, what));

import fc from "fast-check";

/**
 * Adversarial strings for every user-controlled field: quoting and escaping edge cases
 * of Python, TypeScript, JSON, YAML, shell and HTML, Unicode line separators, control
 * characters, bidi overrides, astral characters, and code-injection attempts — each on
 * its own and wrapped in text — plus property-based random strings (fixed seed).
 */

const ATOMS = [
  '"', "'", '"""', "'''", "\\", "\\\\", '\\"', "\\'", "ends with a backslash\\", "\\\n", "\\u0041", "\\U0001F600",
  "\\x41", "\\N{BULLET}", "\\0", "${}", "${process.exit(1)}", "`${require('child_process').execSync('id')}`", "`", "```",
  "{}", "{0}", "{x!r}", "f\"{__import__('os').system('id')}\"", "{{ }}", "{{7*7}}", "{% raw %}", "{%- endraw -%}", "*/",
  "/*", "//", "#", "# comment", "-->", "<!--", "</script>", "<script>alert(1)</script>", "]]>", "\r", "\r\n", "\n", "\n\n",
  "\t", "\v", "\f", "\b", "\u2028", "\u2029", "\u0085", "\u0000", "\u0001", "\u001b[31m", "\u007f", "\ufeff", "\u202e",
  "\u200b", "\u200d", "\u2066", "😀", "👩‍👩‍👧", "𝕏", "\u{10ffff}", "é", "e\u0301", "ﷺ", "مرحبا", "こんにちは",
  '"; import os; os.system("id")', "'; import os; os.system('id'); '", '")\nimport os\nos.system("id")\n("',
  "\"); process.exit(1); (\"", "'); require('fs').rmSync('/'); ('", "__import__('os').system('id')", "eval(input())",
  "$(id)", "`id`", "; rm -rf / #", "| cat /etc/passwd", "&& curl evil", "%s%s%s", "%(x)s", "%n", "\u0000\u0000",
  "key: value", "- item", "? complex", "!!python/object/apply:os.system ['id']", "&anchor", "*alias", "---", "...",
  "null", "true", "NaN", "0x1F", "1e309", "-0", "\"\"\"\\\"\"\"", "'\\''", "\\\\\\", "a\u2028b\u2029c",
];

const FORMS: Array<(a: string) => string> = [
  (a) => a,
  (a) => `x${a}`,
  (a) => `${a}x`,
  (a) => `${a}${a}`,
  (a) => `Hello ${a} world`,
  (a) => `${a}\n${a}`,
  (a) => `"${a}"`,
  (a) => `'''${a}'''`,
];

const BIG = 100_000;
const big = [
  "a".repeat(BIG),
  '"'.repeat(BIG),
  "\\".repeat(BIG),
  ("😀\u2028\"\\{}${}\u0000").repeat(BIG / 10).slice(0, BIG - 1) + "x",
];

const SPECIAL = fc.constantFrom('"', "'", "\\", "{", "}", "$", "`", "\n", "\r", "\u2028", "\u0000", "#", "*/", "<", "%", "😀", "a");

function randomStrings(): string[] {
  const unicode = fc.sample(fc.string({ unit: "binary", minLength: 1, maxLength: 60 }), { numRuns: 100, seed: 20_240 });
  const special = fc.sample(fc.string({ unit: SPECIAL, minLength: 1, maxLength: 40 }), { numRuns: 100, seed: 7 });
  const ascii = fc.sample(fc.string({ unit: "binary-ascii", minLength: 1, maxLength: 60 }), { numRuns: 50, seed: 99 });
  return [...unicode, ...special, ...ascii];
}

/** Every corpus string: at least 500 adversarial ones plus the random ones. */
export function injectionCorpus(): string[] {
  const adversarial = ATOMS.flatMap((a) => FORMS.map((form) => form(a)));
  return [...new Set([...adversarial, ...big, ...randomStrings()])];
}

export const adversarialCount = () => ATOMS.length * FORMS.length;

/** Strings with lone surrogates: rejected in every field. */
export const LONE_SURROGATES = ["\ud800", "a\udc00b", "\udbff", "x\ud83d", "\ude00y", "😀\ud800😀"];

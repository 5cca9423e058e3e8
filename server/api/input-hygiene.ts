/**
 * Characters Postgres cannot store in text or jsonb (NUL), and lone UTF-16 surrogates, which
 * are not valid Unicode and would be silently mangled on the way to UTF-8.
 */
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSTORABLE_MESSAGE = "must not contain NUL or unpaired surrogate characters";

/** The zod refinement for a single text field (services that parse their own strings). */
export const isStorableText = (s: string) => !UNSTORABLE.test(s);

const MAX_DEPTH = 64;

/**
 * The first string (key or value) in a tRPC input that Postgres could not store, or an
 * input nested deeper than any procedure accepts, with its path; null when clean.
 * Runs on every procedure's raw input before its schema, so every text field of every
 * procedure, including free-form JSON such as a spec, is covered by one check.
 */
export type InputProblem = { path: string; message: string };
const at = (path: string[]) => path.join(".") || "input";

export function findUnstorableText(value: unknown, path: string[] = [], depth = 0): InputProblem | null {
  if (depth > MAX_DEPTH) return { path: at(path), message: `nests deeper than ${MAX_DEPTH} levels` };
  if (typeof value === "string") return UNSTORABLE.test(value) ? { path: at(path), message: UNSTORABLE_MESSAGE } : null;
  if (typeof value !== "object" || value === null) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], [...path, String(i)], depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (value instanceof Date || value instanceof Uint8Array) return null;
  for (const [key, v] of Object.entries(value)) {
    if (UNSTORABLE.test(key)) return { path: at([...path, key.replace(new RegExp(UNSTORABLE, "g"), "?")]), message: UNSTORABLE_MESSAGE };
    const found = findUnstorableText(v, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

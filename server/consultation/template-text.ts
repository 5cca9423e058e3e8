import { Liquid } from "liquidjs";
import { DomainError } from "../errors";

/** The longest text a field may render to (the spec's longest text field is 100,000 characters). */
export const MAX_RENDERED_CHARS = 100_000;
/** Characters a render may produce in all, counted across every output, loop range and filter. */
const MEMORY_LIMIT = 1_000_000;

/**
 * Charges every `{{ }}` and `{% echo %}` output to the render's memory limit. liquidjs
 * counts what its filters allocate but not what outputs write, so `{% capture s %}{{ s }}{{ s }}{% endcapture %}`
 * doubled a string 20 times (104,857,600 characters) under the limit. Writing is where
 * capture, `append` chains and loops all end, so no tag can grow text without paying here.
 */
function chargeOutput(this: { context: { memoryLimit: { use(n: number): void } } }, value: unknown): string {
  this.context.memoryLimit.use(typeof value === "string" ? value.length : String(value ?? "").length);
  return value as string; // unchanged: the emitter stringifies it as it would without an escape
}

/**
 * User-authored template text (a system prompt with `{{ company }}`) is rendered only by
 * this engine: liquidjs with an in-memory, empty template map (so `{% include %}` and
 * `{% render %}` cannot read files), own properties only (no prototype walking), strict
 * filters and variables, every output charged to the memory limit (chargeOutput; `raw`,
 * which would skip it, is refused), a render time limit (renderLimit, ms) and a cap on the
 * result. The output is plain text that goes into the spec; code generation escapes it
 * later like any user text.
 */
const engine = new Liquid({
  templates: {},
  ownPropertyOnly: true,
  strictFilters: true,
  strictVariables: true,
  parseLimit: 200_000,
  renderLimit: 1_000,
  memoryLimit: MEMORY_LIMIT,
  outputEscape: chargeOutput,
  cache: false,
});
engine.registerFilter("raw", () => {
  throw new Error("the raw filter is not allowed");
});

/** The spec fields whose text may carry template variables. */
export const TEMPLATED_FIELDS = ["systemPrompt", "description"] as const;

/** Top-level variable names the text uses, in order of first use. @throws DomainError naming `field` when it does not parse. */
export function templateVariables(text: string, field: string): string[] {
  try {
    return [...new Set(engine.globalVariablesSync(text))];
  } catch (e) {
    throw new DomainError("invalid", `${field}: is not a valid template (${firstLine(e)})`, { field });
  }
}

/**
 * Renders `text` with `variables`. A variable without a value is BAD_REQUEST naming it,
 * as is anything that exceeds the limits.
 */
export function renderTemplateText(text: string, variables: Record<string, string>, field: string): string {
  for (const name of templateVariables(text, field)) {
    if (!Object.hasOwn(variables, name)) throw new DomainError("invalid", `variables.${name}: is required by the template's ${field}`, { field: `variables.${name}` });
  }
  let out: string;
  try {
    out = engine.parseAndRenderSync(text, { ...variables });
  } catch (e) {
    throw new DomainError("invalid", `${field}: the template could not be rendered (${firstLine(e)})`, { field });
  }
  // Checked before anything reads the characters: a long result is still a cheap rope here.
  if (out.length > MAX_RENDERED_CHARS) throw new DomainError("invalid", `${field}: the template renders to more than ${MAX_RENDERED_CHARS} characters`, { field });
  return out;
}

const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split("\n")[0]!.slice(0, 200);

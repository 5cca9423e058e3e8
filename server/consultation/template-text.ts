import { Liquid } from "liquidjs";
import { DomainError } from "../errors";

/**
 * User-authored template text (a system prompt with `{{ company }}`) is rendered only by
 * this engine: liquidjs with an in-memory, empty template map (so `{% include %}` and
 * `{% render %}` cannot read files), own properties only (no prototype walking), strict
 * filters and variables, and its parse, render-time and memory limits on. The output is
 * plain text that goes into the spec; code generation escapes it later like any user text.
 */
const engine = new Liquid({
  templates: {},
  ownPropertyOnly: true,
  strictFilters: true,
  strictVariables: true,
  parseLimit: 200_000,
  renderLimit: 1_000,
  memoryLimit: 16_000_000,
  cache: false,
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
  try {
    return engine.parseAndRenderSync(text, { ...variables });
  } catch (e) {
    throw new DomainError("invalid", `${field}: the template could not be rendered (${firstLine(e)})`, { field });
  }
}

const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split("\n")[0]!.slice(0, 200);

import { Liquid, type Template } from "liquidjs";
import { DomainError } from "../errors";
import { SafeCode, checkIdentifier, markdownText, pyStringLiteral, tsStringLiteral } from "./serialize";
import type { TemplateSet } from "./template-set";

/**
 * liquidjs configured so that templates can only print serialized values: every
 * `{{ }}` output passes `requireSerialized`, which accepts SafeCode (made by the
 * filters below or by the resolver for registry snippets) and finite numbers, and
 * refuses plain strings. `raw` is overridden so it cannot skip that check. Templates
 * come from an in-memory map (no file access) with liquidjs' limits on.
 */

function requireSerialized(value: unknown): string {
  if (value instanceof SafeCode) return value.code;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  const kind = value === null ? "null" : typeof value;
  throw new Error(`output of a ${kind} without a serializer filter (py_str, ts_str, py_ident, md_text, ...)`);
}

const asString = (v: unknown, filter: string): string => {
  if (typeof v !== "string") throw new Error(`${filter} expects a string, got ${v === null ? "null" : typeof v}`);
  return v;
};
const asBool = (v: unknown, filter: string): boolean => {
  if (typeof v !== "boolean") throw new Error(`${filter} expects a boolean`);
  return v;
};

const FILTERS: Record<string, (v: unknown) => SafeCode> = {
  py_str: (v) => new SafeCode(pyStringLiteral(asString(v, "py_str"))),
  ts_str: (v) => new SafeCode(tsStringLiteral(asString(v, "ts_str"))),
  py_str_or_none: (v) => new SafeCode(v === null || v === undefined ? "None" : pyStringLiteral(asString(v, "py_str_or_none"))),
  ts_str_or_undefined: (v) =>
    new SafeCode(v === null || v === undefined ? "undefined" : tsStringLiteral(asString(v, "ts_str_or_undefined"))),
  py_ident: (v) => new SafeCode(checkIdentifier(asString(v, "py_ident"))),
  ts_ident: (v) => new SafeCode(checkIdentifier(asString(v, "ts_ident"))),
  py_bool: (v) => new SafeCode(asBool(v, "py_bool") ? "True" : "False"),
  ts_bool: (v) => new SafeCode(asBool(v, "ts_bool") ? "true" : "false"),
  md_text: (v) => new SafeCode(markdownText(asString(v, "md_text"))),
};

function createLiquid(): Liquid {
  const liquid = new Liquid({
    templates: {},
    ownPropertyOnly: true,
    strictFilters: true,
    strictVariables: true,
    outputEscape: requireSerialized,
    parseLimit: 1_000_000,
    renderLimit: 5_000,
    memoryLimit: 64_000_000,
    cache: false,
  });
  for (const [name, fn] of Object.entries(FILTERS)) liquid.registerFilter(name, fn);
  liquid.registerFilter("raw", () => {
    throw new Error("the raw filter is not allowed in generator templates");
  });
  return liquid;
}

type ErrorWithToken = Error & { token?: { getPosition?: () => [number, number] }; originalError?: Error };

/** Turns a liquidjs error into a DomainError that names the template and line. */
export function templateError(name: string, e: unknown): DomainError {
  const err = e as ErrorWithToken;
  const line = err?.token?.getPosition?.()[0] ?? Number(/line:(\d+)/.exec(String(err?.message))?.[1] ?? NaN);
  const cause = (err?.originalError?.message ?? err?.message ?? String(e)).split(", file:")[0]!.split(", line:")[0];
  const at = Number.isFinite(line) ? ` line ${line}` : "";
  return new DomainError("invalid", `Template ${name}${at} failed: ${cause}`, {
    template: name,
    ...(Number.isFinite(line) ? { line } : {}),
  });
}

export type CompiledTemplates = { liquid: Liquid; parsed: Map<string, Template[]> };

const compiled = new WeakMap<TemplateSet, CompiledTemplates>();

/** Parses every template of the set once (errors name the template and line). */
export function compileTemplateSet(set: TemplateSet): CompiledTemplates {
  const hit = compiled.get(set);
  if (hit) return hit;
  const liquid = createLiquid();
  const parsed = new Map<string, Template[]>();
  for (const layer of set.layers) {
    for (const file of layer.files) {
      if (!file.isTemplate) continue;
      const name = `${layer.manifest.id}/${file.source}`;
      try {
        parsed.set(name, liquid.parse(file.content, name));
      } catch (e) {
        throw templateError(name, e);
      }
    }
  }
  const result = { liquid, parsed };
  compiled.set(set, result);
  return result;
}

/** Renders one parsed template; a failure names the template and line. */
export function renderTemplate(c: CompiledTemplates, name: string, context: object): string {
  const tpl = c.parsed.get(name);
  if (!tpl) throw new DomainError("not_found", `Template '${name}' was not found`);
  try {
    return c.liquid.renderSync(tpl, context) as string;
  } catch (e) {
    throw templateError(name, e);
  }
}

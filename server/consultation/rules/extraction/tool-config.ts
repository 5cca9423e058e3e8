import type { ToolConfigParam, ToolEntry } from "../../../registry/schema";
import type { SpecDraft } from "../draft";

/**
 * Tool configuration in consultation: defaults are written into the spec so the user
 * sees them, and required values with no default (a Knowledge Base id, a Slack team id)
 * become missing fields the PM asks about. Secrets never enter the spec: they are env
 * variables read at run time.
 */

type ConfigValue = string | number | boolean;

const configurable = (entry: ToolEntry) => entry.config.filter((p) => !p.secret);

/** Default values for a newly added tool; a `region` parameter follows the deployment region. */
export function defaultToolConfig(entry: ToolEntry, region?: string): Record<string, ConfigValue> {
  const config: Record<string, ConfigValue> = {};
  for (const p of configurable(entry)) {
    if (p.name === "region" && region) config[p.name] = region;
    else if (p.default !== null) config[p.name] = p.default;
  }
  return config;
}

const TOOL_CONFIG_PATH = /^tools\.(\d+)\.config\.([a-z][a-z0-9_]*)$/;

export const toolConfigPath = (index: number, param: string) => `tools.${index}.config.${param}`;

/** Required, non-secret parameters without a value, as dotted paths. */
export function missingToolConfig(draft: SpecDraft, tools: readonly ToolEntry[]): string[] {
  const skipped = new Set(draft.skippedPaths ?? []);
  return (draft.tools ?? []).flatMap((choice, index) => {
    const entry = tools.find((t) => t.id === choice.id);
    if (!entry) return [];
    return configurable(entry)
      .filter((p) => p.required && (choice.config ?? {})[p.name] === undefined)
      .map((p) => toolConfigPath(index, p.name))
      .filter((path) => !skipped.has(path));
  });
}

/** The tool and parameter a `tools.N.config.x` path points at. */
export function toolConfigTarget(path: string, draft: SpecDraft, tools: readonly ToolEntry[]): { entry: ToolEntry; param: ToolConfigParam; index: number } | undefined {
  const m = TOOL_CONFIG_PATH.exec(path);
  if (!m) return undefined;
  const index = Number(m[1]);
  const entry = tools.find((t) => t.id === draft.tools?.[index]?.id);
  const param = entry?.config.find((p) => p.name === m[2]);
  return entry && param ? { entry, param, index } : undefined;
}

/** Words a setting's identifier spells in capitals. */
const ACRONYMS = new Set(["id", "url", "arn", "api", "mcp", "ref"]);

/** "knowledge_base_id" → "Knowledge base ID". */
export function humanizeSetting(name: string): string {
  const words = name.split(/[_-]+/).filter(Boolean).map((w) => (ACRONYMS.has(w) ? w.toUpperCase() : w));
  const text = words.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const asksFor = (entry: ToolEntry, param: ToolConfigParam) => `${entry.name} needs its ${humanizeSetting(param.name)}`;

/** The question for a required setting, by its name in the user's words ("Slack MCP server needs its Team ID"). */
export function toolConfigQuestion(entry: ToolEntry, param: ToolConfigParam): string {
  return `${asksFor(entry, param)}: ${param.description.replace(/\.$/, "")}. What is it? Say "not yet" if you do not have it; you can add it later in the Tools form.`;
}

/** The wording of conversations stored before questions named settings in the user's words. */
const LEGACY_QUESTION_TOPIC = /\(([a-z][a-z0-9_-]*)\) needs ([a-z][a-z0-9_]*):/;

/** Reads back which tool parameter a question asked about (case-insensitive). */
export function toolConfigTopic(question: string, tools: readonly ToolEntry[] = []): { toolId: string; param: string } | undefined {
  const text = question.toLowerCase();
  // The longest wording that matches: "Slack needs its Team ID" is inside "Slack MCP server needs its Team ID" too.
  const asked = tools
    .flatMap((entry) => configurable(entry).map((p) => ({ toolId: entry.id, param: p.name, words: asksFor(entry, p).toLowerCase() })))
    .filter((c) => text.includes(c.words))
    .sort((a, b) => b.words.length - a.words.length)[0];
  if (asked) return { toolId: asked.toolId, param: asked.param };
  const m = LEGACY_QUESTION_TOPIC.exec(text);
  return m ? { toolId: m[1]!, param: m[2]! } : undefined;
}

/**
 * The value in an answer like "it's KB12345678" or "https://mcp.example.com/mcp": a URL,
 * else the last token that looks like an identifier, else the whole short answer.
 */
export function parseConfigAnswer(original: string, type: ToolConfigParam["type"]): ConfigValue | undefined {
  const text = original.trim().replace(/[.!]+$/, "");
  if (type === "boolean") return /\b(yes|true|on|enable)/i.test(text) ? true : /\b(no|false|off|disable)/i.test(text) ? false : undefined;
  if (type === "number") {
    const n = /-?\d+(?:\.\d+)?/.exec(text);
    return n ? Number(n[0]) : undefined;
  }
  const quoted = /["'`]([^"'`]{1,500})["'`]/.exec(text)?.[1];
  if (quoted) return quoted;
  const url = /\bhttps?:\/\/[^\s"'<>]+/.exec(text)?.[0];
  if (url) return url.replace(/[),.;]+$/, "");
  const tokens = text.split(/\s+/).filter((t) => /[0-9_\-/:]|^[A-Z0-9]{4,}$/.test(t) && /^[\w\-./:@]+$/.test(t));
  if (tokens.length) return tokens[tokens.length - 1];
  return text.length > 0 && text.length <= 100 && !/\s/.test(text) ? text : undefined;
}

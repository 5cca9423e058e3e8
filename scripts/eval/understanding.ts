import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { getPath } from "../../server/consultation/rules/draft";
import type { AgentSpecDraft } from "../../server/spec/agent-spec";

/**
 * The understanding evaluation: a dataset of descriptions and change requests written as
 * users write them, each with the spec properties it must produce, and the scoring that
 * turns an engine's answers into a score per kind of need. Pure: the engines are passed in.
 */

const Expect = z.object({
  /** kind of need → tool ids, alternatives separated by '|'; one of them must be in the spec. */
  tools: z.record(z.string(), z.string()).optional(),
  /** Tool ids that must NOT be in the spec (negations: "no internet access"). */
  noTools: z.array(z.string()).optional(),
  /** Dotted spec path → exact value. */
  paths: z.record(z.string(), z.unknown()).optional(),
  /** kind → lower-case fragments the system prompt must contain. */
  prompt: z.record(z.string(), z.array(z.string())).optional(),
  /** kind → fragments the engine's words (summary, unresolved needs) must contain. */
  mentions: z.record(z.string(), z.array(z.string())).optional(),
  outcome: z.enum(["changed", "no-change", "needs-input"]).optional(),
  /** kind → an endpoint URL (base URL + path) one of the spec's apiTools operations must call. */
  apiTools: z.record(z.string(), z.string()).optional(),
  /** Guardrail denied topics the spec must have, by name (case-insensitive). */
  deniedTopics: z.array(z.string()).optional(),
});
export type Expect = z.infer<typeof Expect>;

const DescriptionCase = z.object({ id: z.string(), text: z.string().min(1), expect: Expect });
const ChangeCase = z.object({
  id: z.string(),
  base: z.string(),
  set: z.record(z.string(), z.unknown()).optional(),
  request: z.string().min(1),
  answers: z.record(z.string(), z.string()).optional(),
  expect: Expect,
});
export type DescriptionCase = z.infer<typeof DescriptionCase>;
export type ChangeCase = z.infer<typeof ChangeCase>;

const dir = join(__dirname, "../../tests/fixtures/understanding");
export function loadDataset(): { descriptions: DescriptionCase[]; changes: ChangeCase[] } {
  const read = <T>(file: string, schema: z.ZodType<T>) => z.object({ items: z.array(schema) }).parse(JSON.parse(readFileSync(join(dir, file), "utf8"))).items;
  return { descriptions: read("descriptions.json", DescriptionCase), changes: read("changes.json", ChangeCase) };
}

/** What an engine produced for one case. */
export type Answer = { spec: AgentSpecDraft; words: string; outcome?: "changed" | "no-change" | "needs-input" };
export type Check = { caseId: string; kind: string; ok: boolean; what: string };

const PATH_KIND: Record<string, string> = {
  "requirements.requestsPerDay": "traffic",
  "requirements.monthlyBudgetUsd": "budget",
  "deployment.target": "deployment",
  "deployment.region": "deployment",
  language: "programming-language",
  "memory.type": "memory",
  name: "name",
  "security.maxInputChars": "security",
};

/** Every expected property of a case, checked against an answer. */
export function checkCase(caseId: string, expect: Expect, answer: Answer): Check[] {
  const ids = new Set((answer.spec.tools ?? []).map((t) => String(t?.id)));
  // The composed prompt quotes the user's description ("> …"); a need is understood only when
  // the prompt says it in its own lines, so quoted lines do not count.
  const prompt = String(answer.spec.systemPrompt ?? "").split("\n").filter((l) => !l.startsWith(">")).join("\n").toLowerCase();
  const words = answer.words.toLowerCase();
  const out: Check[] = [];
  for (const [kind, alts] of Object.entries(expect.tools ?? {})) {
    out.push({ caseId, kind, ok: alts.split("|").some((id) => ids.has(id)), what: `tool ${alts}` });
  }
  for (const id of expect.noTools ?? []) out.push({ caseId, kind: "negation", ok: !ids.has(id), what: `no tool ${id}` });
  const spec = answer.spec as { apiTools?: Array<{ baseUrl?: string; operations?: Array<{ path?: string }> }>; guardrails?: { deniedTopics?: Array<{ name?: string }> } };
  const endpoints = (spec.apiTools ?? []).flatMap((a) => (a.operations ?? []).map((o) => `${a.baseUrl ?? ""}${o.path ?? ""}`));
  for (const [kind, url] of Object.entries(expect.apiTools ?? {})) out.push({ caseId, kind, ok: endpoints.includes(url), what: `API tool calling ${url} (got ${endpoints.join(", ") || "none"})` });
  const topics = new Set((spec.guardrails?.deniedTopics ?? []).map((t) => String(t.name).toLowerCase()));
  for (const name of expect.deniedTopics ?? []) out.push({ caseId, kind: "guardrail", ok: topics.has(name.toLowerCase()), what: `denied topic "${name}" (got ${[...topics].join(", ") || "none"})` });
  for (const [path, value] of Object.entries(expect.paths ?? {})) {
    out.push({ caseId, kind: PATH_KIND[path] ?? path.replace(/\.\d+\./, ".N."), ok: JSON.stringify(getPath(answer.spec, path)) === JSON.stringify(value), what: `${path} = ${JSON.stringify(value)} (got ${JSON.stringify(getPath(answer.spec, path))})` });
  }
  for (const [kind, parts] of Object.entries(expect.prompt ?? {})) {
    for (const p of parts) out.push({ caseId, kind, ok: prompt.includes(p.toLowerCase()), what: `prompt mentions "${p}"` });
  }
  for (const [kind, parts] of Object.entries(expect.mentions ?? {})) {
    for (const p of parts) out.push({ caseId, kind, ok: words.includes(p.toLowerCase()), what: `says "${p}"` });
  }
  if (expect.outcome) out.push({ caseId, kind: `outcome:${expect.outcome}`, ok: answer.outcome === expect.outcome, what: `outcome ${expect.outcome} (got ${answer.outcome})` });
  return out;
}

export type Score = { passed: number; total: number; ratio: number; byKind: Map<string, { passed: number; total: number }>; failures: Check[] };

export function score(checks: Check[]): Score {
  const byKind = new Map<string, { passed: number; total: number }>();
  for (const c of checks) {
    const k = byKind.get(c.kind) ?? { passed: 0, total: 0 };
    k.total++;
    if (c.ok) k.passed++;
    byKind.set(c.kind, k);
  }
  const passed = checks.filter((c) => c.ok).length;
  return { passed, total: checks.length, ratio: checks.length ? passed / checks.length : 0, byKind, failures: checks.filter((c) => !c.ok) };
}

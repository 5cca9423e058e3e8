import { getBuiltinTemplate } from "../../server/consultation/templates-builtin";
import { setPath } from "../../server/consultation/rules/draft";
import type { SpecRegistry } from "../../server/consultation/rules/registry-view";
import type { AgentSpec } from "../../server/spec/agent-spec";
import { checkCase, loadDataset, score, type Answer, type Check, type Score } from "./understanding";

/** An engine under evaluation: a first message → a draft; a change request → a new spec and an outcome. */
export type UnderstandingEngine = {
  name: string;
  describe(text: string): Promise<Answer>;
  change(spec: AgentSpec, request: string, answers: Record<string, string>): Promise<Answer>;
};

export function baseSpec(templateId: string, set: Record<string, unknown> = {}): AgentSpec {
  const template = getBuiltinTemplate(templateId);
  if (!template) throw new Error(`unknown base template ${templateId}`);
  return Object.entries(set).reduce((spec, [path, value]) => setPath(spec, path, value), template.spec);
}

export type EngineReport = { engine: string; descriptions: Score; changes: Score; all: Score; msPerMessage: number };

/** Runs every case through the engine; an engine error fails that case's checks (the error is the answer). */
export async function evaluate(engine: UnderstandingEngine, _registry?: SpecRegistry): Promise<EngineReport> {
  const { descriptions, changes } = loadDataset();
  const d: Check[] = [];
  const c: Check[] = [];
  const started = performance.now();
  for (const item of descriptions) {
    const answer = await engine.describe(item.text).catch((e: Error): Answer => ({ spec: {}, words: `error: ${e.message}` }));
    d.push(...checkCase(item.id, item.expect, answer));
  }
  for (const item of changes) {
    const base = baseSpec(item.base, item.set);
    const answer = await engine.change(base, item.request, item.answers ?? {}).catch((e: Error): Answer => ({ spec: base, words: `error: ${e.message}`, outcome: undefined }));
    c.push(...checkCase(item.id, item.expect, answer));
  }
  const ms = (performance.now() - started) / (descriptions.length + changes.length);
  return { engine: engine.name, descriptions: score(d), changes: score(c), all: score([...d, ...c]), msPerMessage: ms };
}

const pct = (s: { passed: number; total: number }) => `${((100 * s.passed) / Math.max(1, s.total)).toFixed(1)}% (${s.passed}/${s.total})`;

export function formatReport(r: EngineReport, verbose = false): string {
  const lines = [
    `engine: ${r.engine}`,
    `  overall       ${pct(r.all)}`,
    `  descriptions  ${pct(r.descriptions)}`,
    `  changes       ${pct(r.changes)}`,
    `  per message   ${r.msPerMessage.toFixed(2)} ms`,
    "  per kind of need:",
    ...[...r.all.byKind.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, s]) => `    ${k.padEnd(22)} ${pct(s)}`),
  ];
  if (verbose) lines.push("  failures:", ...r.all.failures.map((f) => `    ${f.caseId} [${f.kind}] ${f.what}`));
  return lines.join("\n");
}

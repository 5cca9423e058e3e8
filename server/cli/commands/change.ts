import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parse as parseYaml } from "yaml";
import { env } from "../../env";
import { DomainError } from "../../errors";
import { createLanguageModel } from "../../llm";
import { hasStructured, type StructuredModel } from "../../llm/structured";
import { applyPlan } from "../../modifications/plan/plan";
import { planOutcome } from "../../modifications/plan/types";
import type { SpecRegistry } from "../../consultation/rules/registry-view";
import { planChange } from "../../understanding/model-plan";
import { parseSpecOrThrow } from "../../spec/agent-spec";
import { cliRegistry, EXIT, type CliIo } from "../io";

const USAGE = `Usage: agent-builder change SPEC "REQUEST" [--answer key=value]... [--json]

Plans a change request against a spec file (JSON or YAML) with the same engine as the API:
the configured model (LLM_PROVIDER=bedrock or openai-compatible; every change validated)
or the offline rules. Prints the plan (changes, not understood, needs input) and the
resulting spec. A tool setting the plan needs is given with --answer (e.g. --answer
team_id=T012AB3CD or --answer mcp_slack.team_id=T012AB3CD); "not yet" leaves it open.

  --answer key=value   a needed setting, repeatable
  --json               print { outcome, engine, summary, changes, notUnderstood, needsInput, warnings, spec }`;

export type ChangeDeps = { registry?: () => SpecRegistry; model?: (registry: SpecRegistry) => StructuredModel | undefined };

function configuredModel(registry: SpecRegistry): StructuredModel | undefined {
  const e = env();
  const model = createLanguageModel({ provider: e.LLM_PROVIDER, baseUrl: e.LLM_BASE_URL, modelId: e.LLM_MODEL_ID, region: e.AWS_REGION }, { registry });
  return hasStructured(model) ? model : undefined;
}

/** `agent-builder change SPEC "…"`. Exit codes: 0 planned (any outcome), 1 the plan failed, 2 bad command line or spec. */
export async function changeCommand(argv: string[], io: CliIo, deps: ChangeDeps = {}): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: "boolean", default: false }, answer: { type: "string", multiple: true, default: [] }, help: { type: "boolean", short: "h", default: false } } });
  } catch (e) {
    return io.err(`${(e as Error).message}\n${USAGE}\n`), EXIT.usage;
  }
  const { values, positionals } = args;
  if (values.help) return io.out(`${USAGE}\n`), EXIT.ok;
  const [path, ...words] = positionals;
  if (!path || words.length === 0) return io.err(`Give a spec file and the request in quotes.\n${USAGE}\n`), EXIT.usage;
  const answers: Record<string, string> = {};
  for (const a of values.answer ?? []) {
    const at = a.indexOf("=");
    if (at <= 0) return io.err(`--answer must look like key=value (got '${a}')\n`), EXIT.usage;
    answers[a.slice(0, at).trim()] = a.slice(at + 1).trim();
  }
  let spec;
  try {
    const text = readFileSync(path, "utf8");
    spec = parseSpecOrThrow(/\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text), `${path} is not a valid agent spec`);
  } catch (e) {
    return io.err(`${e instanceof Error ? e.message : String(e)}\n`), EXIT.usage;
  }
  const registry = (deps.registry ?? cliRegistry)();
  try {
    const plan = await planChange(spec, words.join(" "), registry, { answers, model: (deps.model ?? configuredModel)(registry) });
    const outcome = planOutcome(plan);
    const next = plan.changes.length ? applyPlan(spec, plan) : spec;
    const result = { outcome, engine: plan.engine ?? "rules", summary: plan.summary, changes: plan.changes.map((c) => ({ path: c.path, why: c.why })), notUnderstood: plan.notUnderstood, needsInput: plan.needsInput ?? [], warnings: plan.warnings, spec: next };
    if (values.json) return io.out(`${JSON.stringify(result, null, 2)}\n`), EXIT.ok;
    io.out(`${outcome} (${result.engine}): ${plan.summary}\n`);
    for (const c of result.changes) io.out(`  ~ ${c.path}: ${c.why}\n`);
    for (const n of result.needsInput) io.out(`  ? ${n.label}: --answer ${n.toolId}.${n.param}=…\n`);
    for (const w of plan.warnings) io.out(`  ! ${w}\n`);
    if (plan.changes.length) io.out(`\n${JSON.stringify(next, null, 2)}\n`);
    return EXIT.ok;
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return io.err(`The change could not be planned: ${e.message}\n`), EXIT.failed;
  }
}

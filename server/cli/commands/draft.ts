import { parseArgs } from "node:util";
import { env } from "../../env";
import { DomainError } from "../../errors";
import { createLanguageModel, type LanguageModel } from "../../llm";
import { buildPmSystemPrompt, draftFromDescription, extractSpec, formatDraft, MAX_MESSAGE_CHARS, type SpecRegistry } from "../../consultation/rules";
import { cliRegistry, EXIT, type CliIo } from "../io";

const USAGE = `Usage: agent-builder draft "DESCRIPTION" [--json]
       agent-builder draft - [--json]    (reads the description from stdin)

Turns one description of an agent into a spec draft: prints the draft, its completeness
and the missing fields, most important first. Extraction is rule-based and needs no
network. With LLM_PROVIDER=bedrock or openai-compatible the configured model also writes
the PM's next question (the offline model is the default and asks it itself).
The description may be up to ${MAX_MESSAGE_CHARS.toLocaleString("en-US")} characters.

  --json   print { "spec": …, "completeness": 0–1, "missing": [paths] } only`;

export type DraftDeps = { registry?: () => SpecRegistry; model?: (registry: SpecRegistry) => LanguageModel; stdin?: () => Promise<string> };

/** The model LLM_PROVIDER names (offline unless configured). */
function configuredModel(registry: SpecRegistry): LanguageModel {
  const e = env();
  return createLanguageModel({ provider: e.LLM_PROVIDER, baseUrl: e.LLM_BASE_URL, modelId: e.LLM_MODEL_ID, region: e.AWS_REGION }, { registry });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * `agent-builder draft "…" [--json]`. Exit codes: 0 printed, 2 bad command line or an
 * empty/oversized description.
 */
export async function draftCommand(argv: string[], io: CliIo, deps: DraftDeps = {}): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } } });
  } catch (e) {
    io.err(`${(e as Error).message}\n${USAGE}\n`);
    return EXIT.usage;
  }
  const { values, positionals } = args;
  if (values.help) return io.out(`${USAGE}\n`), EXIT.ok;
  if (positionals.length === 0) return io.err(`Describe the agent in quotes.\n${USAGE}\n`), EXIT.usage;
  // Unquoted words are one description, as the user meant.
  const description = positionals.length === 1 && positionals[0] === "-" ? await (deps.stdin ?? readStdin)() : positionals.join(" ");
  const registry = (deps.registry ?? cliRegistry)();
  let out;
  try {
    out = draftFromDescription(description, registry);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    io.err(`Invalid description: ${e.message.replace(/^The message/, "The description")}\n`);
    return EXIT.usage;
  }
  if (values.json) {
    io.out(`${JSON.stringify({ spec: out.spec, completeness: out.completeness, missing: out.missing }, null, 2)}\n`);
    return EXIT.ok;
  }
  const model = (deps.model ?? configuredModel)(registry);
  if (model.id === "offline") {
    io.out(formatDraft(out));
    return EXIT.ok;
  }
  io.out(formatDraft({ ...out, question: undefined }));
  await printPmReply(model, description.trim(), registry, io);
  return EXIT.ok;
}

/** The configured model's PM reply; a failure is reported and the rule-based question printed instead. */
async function printPmReply(model: LanguageModel, text: string, registry: SpecRegistry, io: CliIo): Promise<void> {
  const messages = [{ role: "user" as const, content: text }];
  const result = extractSpec(messages, {}, registry);
  io.out(`\nPM (${model.label}): `);
  let streamed = "";
  try {
    for await (const event of model.stream({ system: buildPmSystemPrompt(result, registry), messages })) {
      if (event.type === "notice") io.err(`${event.message}\n`);
      if (event.type === "text") io.out(event.delta), (streamed += event.delta);
    }
    io.out("\n");
  } catch (e) {
    io.out(streamed ? " […]\n" : "\n");
    io.err(`The model's reply failed: ${e instanceof Error ? e.message : String(e)}\n`);
    const question = draftFromDescription(text, registry).question;
    if (question) io.out(`Next question: ${question}\n`);
  }
}

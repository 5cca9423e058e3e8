import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { DomainError } from "../../errors";
import { validateSpec } from "../../spec/agent-spec";
import { EXIT, reportError, type CliIo } from "../io";

const USAGE = `Usage: agent-builder init [--template ID] [--list]

Prints an example agent spec (JSON) to start from: agent-builder init > agent-spec.json`;

export const DEFAULT_EXAMPLE = "python-agentcore";
const examplesDir = () => resolve(__dirname, "../../../templates/examples");

/** The example spec ids (file names in templates/examples). */
export const listExamples = (): string[] =>
  readdirSync(examplesDir())
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -".json".length))
    .sort();

/** An example spec, validated: a broken example fails loudly naming the file and fields. */
export function loadExample(id: string): unknown {
  if (!/^[a-z0-9-]+$/.test(id) || !listExamples().includes(id)) {
    throw new DomainError("not_found", `Template '${id}' was not found (available: ${listExamples().join(", ")})`);
  }
  const file = join(examplesDir(), `${id}.json`);
  const spec: unknown = JSON.parse(readFileSync(file, "utf8"));
  const checked = validateSpec(spec);
  if (!checked.ok) {
    throw new DomainError("invalid", `Example ${file} is invalid: ${checked.issues.map((i) => `${i.path} ${i.message}`).join("; ")}`);
  }
  return spec;
}

export async function initCommand(argv: string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { template: { type: "string" }, list: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } },
    }));
  } catch (e) {
    io.err(`${(e as Error).message}\n${USAGE}\n`);
    return EXIT.usage;
  }
  if (values.help) return io.out(`${USAGE}\n`), EXIT.ok;
  if (values.list) return io.out(`${listExamples().join("\n")}\n`), EXIT.ok;
  try {
    io.out(`${JSON.stringify(loadExample(values.template ?? DEFAULT_EXAMPLE), null, 2)}\n`);
    return EXIT.ok;
  } catch (e) {
    return reportError(io, e);
  }
}

import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import cli from "./agentcore-cli-schema.json";
import type { Finding } from "./types";

/**
 * agentcore/agentcore.json against the AgentCore CLI's own schema (scripts/build-agentcore-schema.ts
 * converts it from the CLI package): a config the CLI rejects fails `agentcore dev/deploy` before
 * anything starts. Each finding names the JSON path and what the CLI expects there.
 */

export const AGENTCORE_CONFIG_PATH = "agentcore/agentcore.json";
export const AGENTCORE_CLI = `${cli.cliPackage} ${cli.cliVersion}`;

let validate: ValidateFunction | undefined;
// Compiled on first use, once per process (~0.5 s measured; then ~7 µs a check): not at start, and not at all for
// a process that verifies no AgentCore project.
const validator = () => (validate ??= new Ajv({ strict: false, allErrors: true, logger: false }).compile(cli.schema));

function describe(e: ErrorObject): string {
  const at = e.instancePath === "" ? "the top level" : e.instancePath;
  if (e.keyword === "additionalProperties") return `${at}: '${String(e.params.additionalProperty)}' is not a field the AgentCore CLI knows`;
  if (e.keyword === "enum") return `${at} must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
  return `${at} ${e.message ?? "is not valid"}`;
}

export function checkAgentCoreConfig(text: string): Finding[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return []; // the JSON check reports it
  }
  const check = validator();
  if (check(doc)) return [];
  // anyOf/oneOf report every branch's failure; the branch summaries say nothing a person can act on.
  const errors = (check.errors ?? []).filter((e) => e.keyword !== "anyOf" && e.keyword !== "oneOf" && e.keyword !== "if");
  const messages = [...new Set(errors.map(describe))];
  return messages.map((m) => ({ check: "agentcore-config", file: AGENTCORE_CONFIG_PATH, message: `${m} (schema of ${AGENTCORE_CLI})`, severity: "error" }));
}

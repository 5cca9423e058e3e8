/**
 * Writes server/spec/agent-spec.schema.json: the AgentSpec zod schema as JSON Schema
 * (the shape a spec file may have, defaults optional). `--check` exits 1 when the
 * committed file is out of date. Run: node --import tsx scripts/build-spec-schema.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { AgentSpec } from "../server/spec/agent-spec";

export const SPEC_SCHEMA_PATH = join(__dirname, "..", "server", "spec", "agent-spec.schema.json");

export function buildSpecSchema(): string {
  const schema = z.toJSONSchema(AgentSpec, { io: "input", unrepresentable: "any" });
  const document = {
    ...schema,
    $id: "https://agent-builder.local/schemas/agent-spec.schema.json",
    title: "AgentSpec",
    description: "The single input of Agent Builder's code generation: what the agent is, which model and tools it uses, and where it is deployed.",
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

if (require.main === module) {
  const next = buildSpecSchema();
  if (process.argv.includes("--check")) {
    const current = readFileSync(SPEC_SCHEMA_PATH, "utf8");
    if (current !== next) {
      console.error("server/spec/agent-spec.schema.json is out of date: run node --import tsx scripts/build-spec-schema.ts");
      process.exit(1);
    }
    console.log("agent-spec.schema.json is up to date");
  } else {
    writeFileSync(SPEC_SCHEMA_PATH, next);
    console.log(`wrote ${SPEC_SCHEMA_PATH}`);
  }
}

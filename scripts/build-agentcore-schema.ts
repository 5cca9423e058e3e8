/**
 * Writes server/generation/verify/agentcore-cli-schema.json: the JSON Schema of
 * agentcore/agentcore.json as the AgentCore CLI (npm package @aws/agentcore) itself defines it,
 * converted from the CLI's own zod schema (AgentCoreProjectSpecSchema) the way the CLI's
 * scripts/generate-schema.mjs does (draft-07; fields with a default are optional, io "input").
 * The package pulls the AWS CDK toolkit, so it is not a dependency: unpack it anywhere and
 * point this script at it:
 *
 *   npm pack @aws/agentcore@0.30.0 && tar xzf aws-agentcore-0.30.0.tgz
 *   node --import tsx scripts/build-agentcore-schema.ts package
 *
 * The schema modules need only zod; they are loaded with this project's zod 4.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { z } from "zod";

export const AGENTCORE_SCHEMA_PATH = join(__dirname, "..", "server", "generation", "verify", "agentcore-cli-schema.json");

function main(packageDir: string) {
  const pkg = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as { name: string; version: string };
  if (pkg.name !== "@aws/agentcore") throw new Error(`${packageDir} holds ${pkg.name}, not @aws/agentcore`);
  // Resolve `require("zod")` inside the package to this project's copy.
  const requireHere = createRequire(__filename);
  const Module = requireHere("node:module") as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const original = Module._resolveFilename;
  const ourZod = requireHere.resolve("zod");
  Module._resolveFilename = (request, ...rest) => (request === "zod" ? ourZod : original(request, ...rest));
  const { AgentCoreProjectSpecSchema } = requireHere(resolve(packageDir, "dist/schema/schemas/agentcore-project.js")) as { AgentCoreProjectSpecSchema: z.ZodType };
  Module._resolveFilename = original;
  const schema = z.toJSONSchema(AgentCoreProjectSpecSchema, { target: "draft-07", io: "input", unrepresentable: "any" });
  const out = {
    cliPackage: pkg.name,
    cliVersion: pkg.version,
    source: `AgentCoreProjectSpecSchema in ${pkg.name}@${pkg.version} dist/schema/schemas/agentcore-project.js (Apache-2.0), converted by scripts/build-agentcore-schema.ts`,
    builtAt: new Date().toISOString().slice(0, 10),
    schema,
  };
  writeFileSync(AGENTCORE_SCHEMA_PATH, `${JSON.stringify(out, null, 1)}\n`);
  console.log(`wrote ${AGENTCORE_SCHEMA_PATH} (${pkg.name}@${pkg.version})`);
}

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) throw new Error("usage: node --import tsx scripts/build-agentcore-schema.ts <unpacked @aws/agentcore package dir>");
  main(dir);
}

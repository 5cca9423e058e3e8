/**
 * Writes server/deploy/plan/cfn-handler-permissions.json: for each CloudFormation resource type a
 * generated stack can contain, the IAM actions its registry handlers call
 * (`handlers.{create,read,update,delete,list}.permissions` of the type's registry schema). Those
 * are what CloudFormation needs from the bootstrap execution role; nothing is inferred.
 *
 * The schemas are CloudFormation's own (https://schema.cloudformation.us-east-1.amazonaws.com/
 * CloudformationSchema.zip). pulumi/pulumi-aws-native keeps a copy in aws-cloudformation-schema/,
 * one `aws-<service>-<type>.json` per type; point this script at such a folder:
 *
 *   node --import tsx scripts/build-cfn-permissions.ts --schemas <dir> --repo pulumi/pulumi-aws-native \
 *     --commit <sha> --read <YYYY-MM-DD> [AWS::Service::Type ...]
 *
 * With no types given, the types already in the data file are refreshed.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { CFN_PERMISSIONS_FILE, HANDLERS, type CfnPermissionsFile } from "../server/deploy/plan/cfn-permissions";

const SchemaHandlers = z.object({
  typeName: z.string(),
  handlers: z.record(z.string(), z.object({ permissions: z.array(z.string()).optional() })),
});

const fileOf = (type: string) => `${type.toLowerCase().split("::").join("-")}.json`;

const CFN_PERMISSIONS_PATH = join(__dirname, "..", CFN_PERMISSIONS_FILE);

function readType(dir: string, type: string): CfnPermissionsFile["types"][string] {
  const file = fileOf(type);
  const schema = SchemaHandlers.parse(JSON.parse(readFileSync(join(dir, file), "utf8")));
  if (schema.typeName !== type) throw new Error(`${file} describes ${schema.typeName}, not ${type}`);
  const handlers = Object.fromEntries(HANDLERS.filter((h) => schema.handlers[h]).map((h) => [h, schema.handlers[h]!.permissions ?? []]));
  return { path: `aws-cloudformation-schema/${file}`, handlers };
}

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { schemas: { type: "string" }, repo: { type: "string" }, commit: { type: "string" }, read: { type: "string" } },
  });
  if (!values.schemas || !values.repo || !values.commit || !values.read) throw new Error("usage: --schemas <dir> --repo <owner/name> --commit <sha> --read <YYYY-MM-DD> [types…]");
  const current = JSON.parse(readFileSync(CFN_PERMISSIONS_PATH, "utf8")) as CfnPermissionsFile;
  const types = (positionals.length > 0 ? positionals : Object.keys(current.types)).sort();
  const out: CfnPermissionsFile = {
    $comment: current.$comment,
    source: { repo: values.repo, commit: values.commit, read: values.read, origin: current.source.origin },
    types: Object.fromEntries(types.map((t) => [t, readType(values.schemas!, t)])),
  };
  writeFileSync(CFN_PERMISSIONS_PATH, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`wrote ${types.length} types to ${CFN_PERMISSIONS_PATH}`);
}

if (require.main === module) main();

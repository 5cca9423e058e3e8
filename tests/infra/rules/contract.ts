/**
 * The contract with the app, read from the app's own code: every process that starts the
 * aws platform gets each link server/platform/aws.ts resolves, and an environment that
 * server/env.ts accepts in aws mode.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseEnv } from "../../../server/env";
import type { Snapshot } from "../harness/run-stack";
import { component, functionNamed, named, ofType } from "./query";
import { ROLE_NAMES, ROLES } from "./requirements";

const AWS_PLATFORM = resolve(import.meta.dirname, "../../../server/platform/aws.ts");

/** [linkName, field] pairs that createAwsPlatform() reads with link("Name", "field"). */
export function platformLinks(source = readFileSync(AWS_PLATFORM, "utf8")): [string, string][] {
  return [...source.matchAll(/\blink\(\s*"(\w+)"\s*,\s*"(\w+)"\s*\)/g)].map((m) => [m[1]!, m[2]!]);
}

const envError = (vars: Record<string, string>) => {
  try {
    parseEnv(vars);
    return undefined;
  } catch (e) {
    return (e as Error).message.replace(/\s+/g, " ");
  }
};

/**
 * Directories the workers read from disk relative to process.cwd() (server/registry/load.ts,
 * server/generation/template-set.ts), and packages QA's TypeScript check reads from
 * node_modules (server/generation/verify/typescript-types.ts) rather than from the bundle.
 */
const WORKER_FILES = ["registry", "templates"];
const QA_INSTALL = ["typescript", "@strands-agents/sdk"];
/** Dev resolves package-lock.json with npm's CLI from node_modules (server/generation/lockfile/npm-resolve.ts). */
const DEV_INSTALL = ["npm"];

export function checkAppContract(s: Snapshot, links = platformLinks()): string[] {
  const v: string[] = [];
  if (links.length === 0) v.push("found no link(...) reads in server/platform/aws.ts");
  const functions: [string, string][] = [...ROLES.map((r) => [ROLE_NAMES[r].fn, ROLE_NAMES[r].fn] as [string, string]), ["WebServer", "Web"]];
  for (const [fn, owner] of functions) {
    const linked = new Set<string>(component(s, fn === "WebServer" ? "Nextjs" : "Function", owner)?.args.link ?? []);
    for (const [name] of links) if (!linked.has(name)) v.push(`${fn}: not linked to ${name}, which server/platform/aws.ts reads`);
    if (fn !== "WebServer") {
      const args = component(s, "Function", owner)?.args ?? {};
      const copied = (args.copyFiles ?? []).map((c: { from: string; to?: string }) => c.to ?? c.from);
      for (const dir of WORKER_FILES) if (!copied.includes(dir)) v.push(`${fn}: ${dir}/ is not copied into the bundle`);
      const install = fn === ROLE_NAMES.qa.fn ? QA_INSTALL : fn === ROLE_NAMES.dev.fn ? DEV_INSTALL : [];
      for (const pkg of install) if (!(args.install ?? []).includes(pkg)) v.push(`${fn}: ${pkg} is not installed beside the bundle`);
    }
    const vars = functionNamed(s, fn)?.inputs.environment?.variables ?? {};
    const error = envError(vars);
    if (vars.APP_RUNTIME !== "aws" || error) v.push(`${fn}: environment rejected by server/env.ts: ${error ?? "APP_RUNTIME is not aws"}`);
  }

  // The realtime container: plain variables plus the ones ECS injects from SSM parameters.
  const task = named(s, "aws:ecs/taskDefinition:TaskDefinition", "RealtimeTask");
  const container = task && JSON.parse(task.inputs.containerDefinitions)[0];
  if (!container) return [...v, "realtime container definition is missing"];
  const params = ofType(s, "aws:ssm/parameter:Parameter");
  const env: Record<string, string> = Object.fromEntries(container.environment.map((e: any) => [e.name, e.value]));
  for (const secret of container.secrets ?? []) env[secret.name] = params.find((p) => p.state.arn === secret.valueFrom)?.inputs.value;
  for (const [name, field] of links) {
    const data = env[`SST_RESOURCE_${name}`];
    if (!data || !JSON.parse(data)[field]) v.push(`Realtime container: no ${name}.${field} for server/platform/aws.ts`);
  }
  const error = envError(env);
  if (error) v.push(`Realtime container: environment rejected by server/env.ts: ${error}`);
  return v;
}

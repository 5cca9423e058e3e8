import { parseArgs } from "node:util";
import { costDepsFrom } from "../../cost/deps";
import { loadPricing } from "../../cost/pricing";
import { buildPlan, type DeployEnvironment } from "../../deploy/plan/build-plan";
import type { DeployerPermission } from "../../deploy/plan/deployer-iam";
import type { ProjectFiles } from "../../generation/types";
import { cliRegistry, EXIT, reportError, type CliIo } from "../io";
import { readProject } from "./verify";
import { follow, remoteClient, type RemoteClient } from "./deploy-remote";

const USAGE = `Usage: agent-builder deploy SUBCOMMAND [options] [--json]

  plan DIR [--env dev|prod] [--region R] [--requests-per-month N]   offline plan of a generated project
  connect --region R [--role-arn ARN | --local]                      start / verify the account connection
  apply --project P --version V [--env E] [--param K=V]... [--yes]   change set, review, (--yes) execute
  status --project P [--deployment D]                                history or one deployment
  invoke --project P [--env E] INPUT                                 call the deployed agent (streamed)
  rollback --project P [--env E] [--yes]                             redeploy the previous good version
  destroy --project P [--env E] --confirm STACK                      delete the stack

Every subcommand but plan needs --url (default http://localhost:3000) and --token or --token-file.`;

const OPTIONS = {
  env: { type: "string", default: "dev" }, region: { type: "string" }, "requests-per-month": { type: "string" },
  "role-arn": { type: "string" }, local: { type: "boolean", default: false }, project: { type: "string" }, version: { type: "string" },
  deployment: { type: "string" }, param: { type: "string", multiple: true }, yes: { type: "boolean", default: false }, confirm: { type: "string" },
  url: { type: "string", default: "http://localhost:3000" }, token: { type: "string" }, "token-file": { type: "string" }, json: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>["values"];

function need(v: string | undefined, flag: string): string {
  if (!v) throw new Error(`${flag} is required`);
  return v;
}

async function remote(sub: string, v: Values, positionals: string[], api: RemoteClient, print: (s: string) => void): Promise<unknown> {
  const projectId = () => need(v.project, "--project");
  const environment = v.env as DeployEnvironment;
  switch (sub) {
    case "connect":
      if (v.local) return api.deploy.connect.mutate({ mode: "default-chain", region: need(v.region, "--region") });
      if (v["role-arn"]) return api.deploy.connect.mutate({ mode: "role", roleArn: v["role-arn"] });
      return api.deploy.connectStart.mutate({ region: need(v.region, "--region") });
    case "apply":
    case "rollback": {
      const parameters = Object.fromEntries((v.param ?? []).map((kv) => [kv.split("=")[0]!, kv.split("=").slice(1).join("=")]));
      const d = sub === "apply"
        ? await api.deploy.start.mutate({ projectId: projectId(), versionId: need(v.version, "--version"), environment, parameters })
        : await api.deploy.rollback.mutate({ projectId: projectId(), environment });
      const review = await follow(api, projectId(), d.id, print);
      for (const c of (review.changes ?? []) as { action: string; logicalId: string; type: string; replacement: string | null; iam: boolean }[]) {
        print(`  ${c.action.padEnd(7)} ${c.logicalId} ${c.type}${c.replacement === "True" ? " (replaced)" : ""}${c.iam ? " [IAM]" : ""}`);
      }
      if (review.status !== "review" || !v.yes) return review;
      await api.deploy.approve.mutate({ projectId: projectId(), deploymentId: d.id });
      return follow(api, projectId(), d.id, print, false);
    }
    case "status":
      return v.deployment ? api.deploy.get.query({ projectId: projectId(), deploymentId: v.deployment }) : api.deploy.history.query({ projectId: projectId() });
    case "invoke":
      return api.deploy.invoke.mutate({ projectId: projectId(), environment, input: need(positionals.join(" "), "INPUT") });
    case "destroy": {
      const d = await api.deploy.destroy.mutate({ projectId: projectId(), environment, confirm: v.confirm });
      return follow(api, projectId(), d.id, print, false);
    }
  }
  throw new Error(`Unknown deploy subcommand '${sub}'`);
}

/** A generated project directory as the file set the plan reads (text files as strings). */
function readProjectDir(dir: string) {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const files: ProjectFiles = new Map();
  for (const [path, bytes] of readProject(dir)) {
    try {
      files.set(path, decoder.decode(bytes));
    } catch {
      files.set(path, bytes);
    }
  }
  return files;
}

function planCommand(dir: string, v: Values) {
  const registry = cliRegistry();
  const rpm = v["requests-per-month"] === undefined ? undefined : Number(v["requests-per-month"]);
  return buildPlan(
    { files: readProjectDir(dir), environment: v.env as DeployEnvironment, region: v.region, requestsPerMonth: rpm },
    { registry, cost: costDepsFrom(registry, loadPricing()) },
  );
}

/** `agent-builder deploy …`: plan offline, everything else through the API. Exit 0 done, 1 failed, 2 usage. */
export async function deployCommand(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (e) {
    io.err(`${(e as Error).message}\n${USAGE}\n`);
    return EXIT.usage;
  }
  const { values: v, positionals } = parsed;
  const [sub, ...rest] = positionals;
  if (v.help || !sub) {
    (v.help ? io.out : io.err)(`${USAGE}\n`);
    return v.help ? EXIT.ok : EXIT.usage;
  }
  if (!["dev", "prod"].includes(v.env!)) {
    io.err(`--env must be dev or prod\n`);
    return EXIT.usage;
  }
  const print = (line: string) => (v.json ? undefined : io.out(`${line}\n`));
  try {
    const result = sub === "plan" ? planCommand(need(rest[0], "DIR"), v) : await remote(sub, v, rest, remoteClient({ url: v.url!, token: v.token, tokenFile: v["token-file"] }), print);
    io.out(v.json ? `${JSON.stringify(result, null, 2)}\n` : `${summary(sub, result)}\n`);
    return EXIT.ok;
  } catch (e) {
    if ((e as { name?: string }).name === "DomainError") return reportError(io, e);
    io.err(`${(e as Error).message}\n`);
    return EXIT.failed;
  }
}

/** The deploy roles' needs in brief (--json has every action): a type with no recorded permissions is named. */
function deployerLines(needs: DeployerPermission[]): string[] {
  const actions = (ps: DeployerPermission[]) => new Set(ps.flatMap((d) => d.actions)).size;
  const types = needs.filter((d) => d.resourceType !== null);
  const unknown = types.filter((d) => d.source === null);
  return [
    `Deploy role: ${actions(needs.filter((d) => d.resourceType === null))} actions; execution role: ${actions(types)} actions for ${types.length} resource types (CloudFormation registry schemas)`,
    ...unknown.map((d) => `  ! ${d.why}`),
  ];
}

function summary(sub: string, r: unknown): string {
  if (sub === "plan") {
    const p = r as ReturnType<typeof buildPlan>;
    return [
      `Stack ${p.stackName} in ${p.region} (${p.target})`,
      `Resources: ${p.resources.map((x) => `${x.logicalId} (${x.type})`).join(", ")}`,
      `Monthly cost: ${p.cost.monthlyUsd === null ? `unknown (${"reason" in p.cost ? p.cost.reason : "no estimate"}; --requests-per-month N gives one)` : `$${p.cost.monthlyUsd.toFixed(2)}`}`,
      ...deployerLines(p.deployer),
      "Prerequisites:", ...p.prerequisites.map((x) => `  ${x.ready ? "✓" : "○"} ${x.title}`),
      "From your CI:", ...p.ciCommands.map((c) => `  # ${c.title}\n  ${c.command.replace(/\n/g, "\n  ")}`),
    ].join("\n");
  }
  return JSON.stringify(r, null, 2);
}


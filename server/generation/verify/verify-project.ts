import type { ProjectFiles } from "../types";
import { AGENTCORE_CONFIG_PATH, checkAgentCoreConfig } from "./agentcore-config";
import { checkDockerfile } from "./dockerfile";
import { checkLockfile } from "./lockfile";
import { checkResourceSpec } from "./cfn-spec";
import { checkWorkflow } from "./ci-workflow";
import { checkExposure } from "./exposure";
import { checkCloudFormation, checkJson, isCloudFormation, parseYaml, type ParsedYaml } from "./iac";
import { checkPythonSyntax } from "./python-syntax";
import { scanSecrets } from "./secrets";
import { checkTypeScript } from "./typescript-types";
import { checkTerraformReferences, checkTerraformSchema, parseTerraform } from "./terraform";
import { checkTerraformIam } from "./terraform-iam";
import { rehearseProject } from "../rehearse/rehearse-project";
import type { RehearsalResult } from "../rehearse/types";
import type { CheckName, Finding, VerificationResult, VerifyOptions } from "./types";

type Shape = { language?: string; target?: string; architecture?: string };

const decoder = new TextDecoder("utf-8", { fatal: false });
const asText = (c: string | Uint8Array) => (typeof c === "string" ? c : decoder.decode(c));

/** What the project is, read from its agent-spec.json (falling back to the files present). */
function projectShape(files: Map<string, string>): Shape {
  try {
    const spec = JSON.parse(files.get("agent-spec.json") ?? "") as {
      language?: string;
      deployment?: { target?: string; architecture?: string };
    };
    return { language: spec.language, target: spec.deployment?.target, architecture: spec.deployment?.architecture };
  } catch {
    return { language: files.has("package.json") ? "typescript" : files.has("requirements.txt") ? "python" : undefined };
  }
}

function checkStructure(files: Map<string, string>, shape: Shape): Finding[] {
  const required = ["agent-spec.json", "agent_config.json", "README.md", ".env.example", ".github/workflows/ci.yml", "infra/cloudformation.yaml"];
  if (shape.language === "python") required.push("app/agent.py", "run_once.py", "requirements.txt");
  if (shape.language === "typescript") required.push("package.json", "tsconfig.json", "src/run-once.ts");
  if (shape.target === "agentcore" || shape.target === "ecs-fargate") required.push("Dockerfile");
  if (shape.target === "lambda") required.push(shape.language === "python" ? "lambda_handler.py" : "src/lambda.ts");
  const findings: Finding[] = required
    .filter((p) => !files.has(p))
    .map((p) => ({ check: "structure", file: p, message: "is missing", severity: "error" }));
  if (shape.language === "typescript" && files.has("package.json")) {
    try {
      const pkg = JSON.parse(files.get("package.json")!) as { scripts?: Record<string, string> };
      if (!pkg.scripts?.build) findings.push({ check: "structure", file: "package.json", message: "has no build script", severity: "error" });
    } catch {
      // reported by the JSON check
    }
  }
  return findings;
}

/**
 * Verifies a generated project without executing any of it: Python parses, TypeScript
 * type-checks, JSON/YAML/CloudFormation parse and carry the required resources and IAM,
 * the Dockerfile runs as non-root, and no file holds a secret. Every failure names the
 * file and, where it can, the line.
 */
export async function verifyProject(input: ProjectFiles, options: VerifyOptions = {}): Promise<VerificationResult> {
  const files = new Map([...input].map(([p, c]) => [p, asText(c)]));
  const shape = projectShape(files);
  const checks: Finding[] = [];
  const ran: VerificationResult["ran"] = [];
  const run = async (check: CheckName, count: number, fn: () => Finding[] | Promise<Finding[]>) => {
    const t0 = performance.now();
    const found = await fn();
    checks.push(...found);
    const status = count === 0 ? "not-applicable" : found.some((f) => f.severity === "error") ? "failed" : "passed";
    ran.push({ check, files: count, ms: Math.round((performance.now() - t0) * 100) / 100, status });
  };
  const byExt = (re: RegExp) => [...files].filter(([p]) => re.test(p));

  await run("structure", files.size, () => checkStructure(files, shape));
  const json = byExt(/\.json$/);
  await run("json-syntax", json.length, () => json.flatMap(([p, t]) => checkJson(p, t)));
  const yaml = byExt(/\.ya?ml$/);
  const cfn: Array<[string, NonNullable<ReturnType<typeof parseYaml>["parsed"]>]> = [];
  await run("yaml-syntax", yaml.length, () =>
    yaml.flatMap(([p, t]) => {
      const { parsed, findings } = parseYaml(p, t);
      if (parsed && isCloudFormation(parsed)) cfn.push([p, parsed]);
      return findings;
    }),
  );
  await run("cloudformation", cfn.length, () =>
    cfn.flatMap(([p, parsed]) => [
      ...checkCloudFormation(p, parsed, shape.target, shape.architecture, options.requiredIam ?? []),
      ...checkResourceSpec(p, parsed),
      ...checkExposure(p, parsed),
    ]),
  );
  const terraform = byExt(/^infra\/terraform\/[^/]+\.tf$/);
  await run("terraform", terraform.length, () => checkTerraform(terraform, cfn.find(([p]) => p === "infra/cloudformation.yaml")?.[1]));
  const agentcoreConfig = files.get(AGENTCORE_CONFIG_PATH);
  await run("agentcore-config", agentcoreConfig === undefined ? 0 : 1, () => (agentcoreConfig === undefined ? [] : checkAgentCoreConfig(agentcoreConfig)));
  const workflows = byExt(/^\.github\/workflows\/[^/]+\.ya?ml$/);
  await run("ci-workflow", workflows.length, () => workflows.flatMap(([p, t]) => checkWorkflow(p, t, files.get("scripts/deploy.sh"))));
  const dockerfiles = byExt(/(^|\/)Dockerfile(\.[\w-]+)?$/);
  await run("dockerfile", dockerfiles.length, () => dockerfiles.flatMap(([p, t]) => checkDockerfile(p, t, shape.target)));
  await run("lockfile", files.has("package.json") ? 1 : 0, () => checkLockfile(files));
  await run("secrets", files.size, () => [...files].flatMap(([p, t]) => scanSecrets(p, t)));
  const python = new Map(byExt(/\.py$/));
  await run("python-syntax", python.size, () => checkPythonSyntax(python, options.python ?? "required"));
  const tsCount = byExt(/\.ts$/).length;
  await run("typescript-types", tsCount, () => (tsCount > 0 ? checkTypeScript(files) : []));

  let rehearsal: RehearsalResult | undefined;
  if (options.rehearse) {
    rehearsal = await rehearseProject(input, options.rehearse);
    checks.push(...rehearsalFindings(rehearsal, files));
    const status = rehearsal.status === "passed" || rehearsal.status === "failed" ? rehearsal.status : rehearsal.status === "skipped" ? "skipped" : "not-applicable";
    ran.push({ check: "rehearsal", files: 0, ms: rehearsal.ms, status });
  }
  return { ok: !checks.some((c) => c.severity === "error"), checks, ran, ...(rehearsal ? { rehearsal } : {}) };
}

/** Terraform parses, matches the provider schema, and grants what the CloudFormation template grants. */
async function checkTerraform(files: Array<[string, string]>, cfn: ParsedYaml | undefined): Promise<Finding[]> {
  if (files.length === 0) return [];
  const { config, owner, findings } = await parseTerraform(files);
  if (findings.length > 0) return findings;
  const main = files.find(([p]) => p.endsWith("/main.tf"))?.[0] ?? files[0]![0];
  return [
    ...checkTerraformSchema(config, owner),
    ...checkTerraformReferences(config, files.map(([p]) => p)),
    ...(cfn ? checkTerraformIam(cfn, config, main) : []),
  ];
}

/** A failed rehearsal is an error on the file that says how the project runs; a skipped one a visible warning. */
function rehearsalFindings(r: RehearsalResult, files: Map<string, string>): Finding[] {
  const file = files.has("Dockerfile") ? "Dockerfile" : "infra/cloudformation.yaml";
  if (r.status === "failed") return [{ check: "rehearsal", file, message: `the deploy rehearsal failed: ${r.reason}`, severity: "error" }];
  if (r.status === "skipped") return [{ check: "rehearsal", file, message: `the deploy rehearsal was ${r.reason}`, severity: "warning" }];
  return [];
}

export type { Finding, VerificationResult, VerifyOptions };

import type { ProjectFiles } from "../../generation/types";
import { requiredScriptVariables } from "../../generation/verify/ci-workflow";
import { iacOf, type AgentSpec } from "../../spec/agent-spec";
import type { CfnTemplate } from "./iac";

/**
 * The commands a team runs to deploy the same version from its own CI: the project's own
 * build/push scripts when it has them, then `aws cloudformation deploy` of the template,
 * with every parameter that has no default spelled out as a placeholder. A project that
 * chose Terraform deploys with its own scripts/deploy.sh (terraform init + apply), with
 * every variable that script requires spelled out.
 */
export type CiStep = { title: string; command: string };

const shellQuote = (s: string) => (/^[A-Za-z0-9_./:=@-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

export function stackName(spec: Pick<AgentSpec, "name">, environment: string): string {
  return `${spec.name}-${environment}`;
}

export function ciCommands(spec: AgentSpec, environment: string, template: CfnTemplate | null, files: ProjectFiles): CiStep[] {
  const region = spec.deployment.region;
  const deployScript = files.get("scripts/deploy.sh");
  if (iacOf(spec.deployment) === "terraform" && typeof deployScript === "string") {
    const vars = requiredScriptVariables(deployScript).map((v) => `${v}=<${v}>`);
    return [{ title: "Build, push and apply infra/terraform (terraform init with S3 state, then terraform apply)", command: [`AWS_REGION=${region}`, ...vars, "sh scripts/deploy.sh"].join(" \
  ") }];
  }
  const paths = [...files.keys()];
  const steps: CiStep[] = [];
  const script = (name: string) => paths.find((p) => p === `scripts/${name}`);
  const build = script("push-ecr.sh") ?? script("package-lambda.sh");
  if (build) steps.push({ title: build.includes("ecr") ? "Build and push the ARM64 image" : "Package the function code", command: `AWS_REGION=${region} bash ${build}` });
  if (!template) return steps;
  const missing = template.parameters.filter((p) => p.default === null).map((p) => `${p.name}=<${p.name}>`);
  const parts = [
    "aws cloudformation deploy",
    `--region ${region}`,
    `--stack-name ${shellQuote(stackName(spec, environment))}`,
    `--template-file ${shellQuote(template.path)}`,
    "--capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM",
    ...(missing.length > 0 ? [`--parameter-overrides ${missing.map(shellQuote).join(" ")}`] : []),
    "--no-fail-on-empty-changeset",
  ];
  steps.push({ title: "Create or update the stack", command: parts.join(" \\\n  ") });
  steps.push({ title: "Read the outputs (endpoint, runtime ARN, log group)", command: `aws cloudformation describe-stacks --region ${region} --stack-name ${shellQuote(stackName(spec, environment))} --query 'Stacks[0].Outputs'` });
  return steps;
}

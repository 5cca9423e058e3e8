import type { BuildInput, BuiltFile } from "../builders/common";
import { SECRET_RESOURCE, runtimeEnvironment } from "../builders/common";
import { guardrailEnvironment } from "../builders/guardrail";
import type { CfnStatement } from "../iam";
import { assumeRoleStatement, fromCfn, policyStatements, type RefMap } from "./from-cfn";
import { block, expr, toHcl, type HclBody, type HclTopBlock, type HclValue } from "./hcl";
import { guardrailRefs, guardrailTerraform } from "./guardrail";
import { TF_PROVIDER_VERSION } from "./provider-schema";

/**
 * Pieces every target's Terraform shares: the provider pin, the account/region/partition
 * lookups (the counterparts of CloudFormation's pseudo parameters), the secret, a role with
 * its inline policy, and the split into versions.tf / variables.tf / main.tf / outputs.tf.
 */

export const TERRAFORM_DIR = "infra/terraform";

/**
 * The AWS provider release whose schema the generated files are checked against
 * (aws-provider-schema.json, from @cdktf/provider-aws 21.22.1 = hashicorp/aws 6.25.0,
 * read 2026-12-04); `~>` keeps users on 6.x, where that schema holds.
 */
export const AWS_PROVIDER_CONSTRAINT = `~> ${TF_PROVIDER_VERSION.split(".").slice(0, 2).join(".")}`;

export const resource = (type: string, name: string, body: HclBody): HclTopBlock => ({ kind: "resource", labels: [type, name], body });
export const data = (type: string, name: string, body: HclBody): HclTopBlock => ({ kind: "data", labels: [type, name], body });
export const variable = (name: string, body: HclBody): HclTopBlock => ({ kind: "variable", labels: [name], body });
export const output = (name: string, value: HclValue, description?: string): HclTopBlock => ({ kind: "output", labels: [name], body: { description, value } });

const usesSecretsManager = (input: BuildInput) => input.project.spec.security.secretsSource === "secrets-manager";

/** References every target has: the secret (CloudFormation `Ref AgentSecret` is its ARN) and its name parameter. */
export function baseRefs(input: BuildInput): RefMap {
  const secret: RefMap = usesSecretsManager(input) ? { [SECRET_RESOURCE]: expr("aws_secretsmanager_secret.agent.arn"), SecretName: expr("var.secret_name") } : {};
  return { ...secret, ...guardrailRefs(input) };
}

/** The agent's environment with AGENT_SECRET_ID pointing at the created secret (as in CloudFormation). */
export const tfRuntimeEnvironment = (input: BuildInput, refs: RefMap) => fromCfn({ ...runtimeEnvironment(input, { Ref: SECRET_RESOURCE }), ...guardrailEnvironment(input) }, refs);

function baseVariables(input: BuildInput): HclTopBlock[] {
  const vars = [variable("region", { description: "AWS region to deploy to", type: expr("string"), default: input.project.spec.deployment.region })];
  if (usesSecretsManager(input)) {
    vars.push(
      variable("secret_name", {
        description: "Name of the Secrets Manager secret (JSON object) this configuration creates for the agent's secret variables",
        type: expr("string"),
        default: `${input.project.spec.name}/runtime`,
      }),
    );
  }
  return vars;
}

function lookups(): HclTopBlock[] {
  return [
    data("aws_caller_identity", "current", {}),
    data("aws_partition", "current", {}),
    data("aws_region", "current", {}),
    {
      kind: "locals",
      labels: [],
      body: {
        account_id: expr("data.aws_caller_identity.current.account_id"),
        partition: expr("data.aws_partition.current.partition"),
        region: expr("data.aws_region.current.region"),
      },
    },
  ];
}

/** The secret, created empty (`{}`), as the CloudFormation template does. */
function secretResources(input: BuildInput): HclTopBlock[] {
  if (!usesSecretsManager(input)) return [];
  return [
    resource("aws_secretsmanager_secret", "agent", {
      name: expr("var.secret_name"),
      description: `Secret variables of the agent ${input.project.spec.name} (a JSON object keyed by variable name)`,
    }),
    resource("aws_secretsmanager_secret_version", "agent", { secret_id: expr("aws_secretsmanager_secret.agent.id"), secret_string: "{}" }),
  ];
}

/** A role assumed by `service`, with one inline policy holding `statements` (translated from the CloudFormation ones). */
export function roleWithPolicy(name: string, service: string, policyName: string, statements: CfnStatement[], refs: RefMap, sourceAccount = false): HclTopBlock[] {
  return [
    data("aws_iam_policy_document", `${name}_assume`, { statement: assumeRoleStatement(service, sourceAccount) }),
    resource("aws_iam_role", name, { assume_role_policy: expr(`data.aws_iam_policy_document.${name}_assume.json`) }),
    data("aws_iam_policy_document", name, { statement: policyStatements(statements, refs) }),
    resource("aws_iam_role_policy", name, { name: policyName, role: expr(`aws_iam_role.${name}.id`), policy: expr(`data.aws_iam_policy_document.${name}.json`) }),
  ];
}

/** The four files of a target's configuration. */
export function terraformFiles(input: BuildInput, parts: { variables: HclTopBlock[]; resources: HclTopBlock[]; outputs: HclTopBlock[] }): BuiltFile[] {
  const versions: HclTopBlock[] = [
    {
      kind: "terraform",
      labels: [],
      body: {
        required_providers: block({ aws: { source: "hashicorp/aws", version: AWS_PROVIDER_CONSTRAINT } }),
        // State lives in S3 so CI runs share it: scripts/deploy.sh passes bucket, key and region to `terraform init`.
        backend: block({}, "s3"),
      },
    },
    { kind: "provider", labels: ["aws"], body: { region: expr("var.region") } },
  ];
  return [
    [`${TERRAFORM_DIR}/versions.tf`, toHcl(versions)],
    [`${TERRAFORM_DIR}/variables.tf`, toHcl([...baseVariables(input), ...parts.variables])],
    [`${TERRAFORM_DIR}/main.tf`, toHcl([...lookups(), ...secretResources(input), ...guardrailTerraform(input), ...parts.resources])],
    [`${TERRAFORM_DIR}/outputs.tf`, toHcl(parts.outputs)],
  ];
}

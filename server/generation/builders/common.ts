import { stringify as yamlStringify } from "yaml";
import type { ResolvedProject, IamStatement } from "../types";
import type { DependencySet } from "../packages";
import type { EnvVarInfo } from "../render-context";
import type { CfnStatement } from "../iam";
import { guardrailEnvironment } from "./guardrail";

/** Everything a builder may read. Builders are pure: same input, same bytes. */
export type BuildInput = {
  project: ResolvedProject;
  deps: DependencySet;
  env: EnvVarInfo[];
  requiredIam: IamStatement[];
  agentStatements: CfnStatement[];
};

export type BuiltFile = [path: string, content: string];

/** JSON as every generated JSON file is written: two-space indent, trailing newline. */
export const toJson = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** YAML serialized from an object: no anchors/aliases (CloudFormation and Actions dislike them), no folding. */
export const toYaml = (value: unknown) =>
  yamlStringify(value, { lineWidth: 0, aliasDuplicateObjects: false, indent: 2, singleQuote: false });

export const ref = (name: string) => ({ Ref: name });
export const getAtt = (resource: string, attr: string) => ({ "Fn::GetAtt": [resource, attr] as [string, string] });
export const sub = (text: string) => ({ "Fn::Sub": text });

/** A trust policy for one service principal; `condition` narrows who may assume it (confused-deputy guards). */
export const assumeRole = (service: string, condition?: Record<string, unknown>) => ({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) }],
});

/** Statements for X-Ray traces and CloudWatch metrics, added when the spec turns them on. */
export function telemetryStatements(project: ResolvedProject, metricsNamespace: string): CfnStatement[] {
  const out: CfnStatement[] = [];
  if (project.spec.observability.tracing) {
    out.push({
      Sid: "Traces",
      Effect: "Allow",
      Action: ["xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:PutTelemetryRecords", "xray:PutTraceSegments"],
      Resource: ["*"],
    });
  }
  if (project.spec.observability.metrics) {
    const statement = {
      Sid: "Metrics",
      Effect: "Allow" as const,
      Action: ["cloudwatch:PutMetricData"],
      Resource: ["*"],
      Condition: { StringEquals: { "cloudwatch:namespace": metricsNamespace } },
    };
    out.push(statement);
  }
  return out;
}

/** The CloudFormation logical id of the secret the template creates (secretsSource "secrets-manager"). */
export const SECRET_RESOURCE = "AgentSecret";

const usesSecretsManager = (input: BuildInput) => input.project.spec.security.secretsSource === "secrets-manager";

/**
 * Environment the deployed agent starts with (values here are never secrets). In
 * CloudFormation AGENT_SECRET_ID is a Ref to the secret the same template creates;
 * files outside CloudFormation (agentcore.json, task-definition.json) name it by its
 * default name, and the agent starts without it when it cannot be read.
 */
export function runtimeEnvironment(input: BuildInput, secretId: unknown = `${input.project.spec.name}/runtime`): Record<string, unknown> {
  const { project } = input;
  const env: Record<string, unknown> = {
    AGENT_MODEL_PROVIDER: project.model.provider,
    AGENT_MODEL_ID: project.model.entry.id,
    LOG_LEVEL: project.spec.observability.logLevel,
  };
  if (project.model.baseUrl) env.AGENT_MODEL_BASE_URL = project.model.baseUrl;
  if (usesSecretsManager(input)) env.AGENT_SECRET_ID = secretId;
  // strands_tools asks for consent before http_request writes or file edits; a headless container cannot answer.
  if (project.spec.language === "python") env.BYPASS_TOOL_CONSENT = "true";
  return env;
}

/** The environment for a CloudFormation resource: AGENT_SECRET_ID and the guardrail refer to resources the template creates. */
export const cfnRuntimeEnvironment = (input: BuildInput) => ({ ...runtimeEnvironment(input, ref(SECRET_RESOURCE)), ...guardrailEnvironment(input) });

/** The same environment as plain strings, for JSON files read by other tools. */
export const plainRuntimeEnvironment = (input: BuildInput): Record<string, string> =>
  Object.fromEntries(Object.entries(runtimeEnvironment(input)).map(([k, v]) => [k, String(v)]));

export const secretParameter = (input: BuildInput) =>
  usesSecretsManager(input)
    ? {
        SecretName: {
          Type: "String",
          Default: `${input.project.spec.name}/runtime`,
          Description: "Name of the Secrets Manager secret (JSON object) this stack creates for the agent's secret variables",
        },
      }
    : {};

/** The secret itself, created empty ({}): put the values in with `aws secretsmanager put-secret-value`. */
export const secretResource = (input: BuildInput) =>
  usesSecretsManager(input)
    ? {
        [SECRET_RESOURCE]: {
          Type: "AWS::SecretsManager::Secret",
          Properties: {
            Name: ref("SecretName"),
            Description: `Secret variables of the agent ${input.project.spec.name} (a JSON object keyed by variable name)`,
            SecretString: "{}",
          },
        },
      }
    : {};

export const TEMPLATE_FORMAT_VERSION = "2010-09-09";

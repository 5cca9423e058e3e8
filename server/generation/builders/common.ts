import { stringify as yamlStringify } from "yaml";
import type { ResolvedProject, IamStatement } from "../types";
import type { DependencySet } from "../packages";
import type { EnvVarInfo } from "../render-context";
import type { CfnStatement } from "../iam";

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

export const assumeRole = (service: string) => ({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
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

/** Environment the deployed agent starts with (values here are never secrets). */
export function runtimeEnvironment(input: BuildInput): Record<string, string> {
  const { project } = input;
  const env: Record<string, string> = {
    AGENT_MODEL_PROVIDER: project.model.provider,
    AGENT_MODEL_ID: project.model.entry.id,
    LOG_LEVEL: project.spec.observability.logLevel,
  };
  if (project.model.baseUrl) env.AGENT_MODEL_BASE_URL = project.model.baseUrl;
  if (project.spec.security.secretsSource === "secrets-manager") env.AGENT_SECRET_ID = `${project.spec.name}/runtime`;
  return env;
}

export const secretParameter = (input: BuildInput) =>
  input.project.spec.security.secretsSource === "secrets-manager"
    ? {
        SecretName: {
          Type: "String",
          Default: `${input.project.spec.name}/runtime`,
          Description: "Secrets Manager secret (JSON object) holding the agent's secret variables",
        },
      }
    : {};

export const TEMPLATE_FORMAT_VERSION = "2010-09-09";

import { DomainError } from "../errors";
import type { IamStatement } from "../registry/schema";
import type { ResolvedProject } from "./types";

/**
 * Least-privilege IAM for the agent's role: model invocation for the one model it
 * uses, the selected tools' statements from the registry, and reading its own secret.
 * Registry resources may carry `${region}` / `${account}` placeholders; CloudFormation
 * gets them as `Fn::Sub` with the pseudo parameters.
 */

export type CfnValue = string | { "Fn::Sub": string } | { Ref: string } | { "Fn::GetAtt": [string, string] };
export type CfnStatement = {
  Sid?: string;
  Effect: "Allow";
  Action: string[];
  Resource: CfnValue[];
  Condition?: Record<string, Record<string, string>>;
};

const ARN_ACTION = /^[a-z0-9-]+:[A-Za-z0-9*]+$/;

function modelStatements(project: ResolvedProject): IamStatement[] {
  const { entry, provider } = project.model;
  if (provider !== "bedrock") return [];
  const actions = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"];
  if (entry.inferenceProfile) {
    // A cross-region profile routes to the foundation model in several regions.
    const base = entry.baseModelId ?? entry.id.replace(/^[a-z-]+\./, "");
    return [
      {
        actions,
        resources: [
          `arn:aws:bedrock:\${region}:\${account}:inference-profile/${entry.id}`,
          `arn:aws:bedrock:*::foundation-model/${base}`,
        ],
      },
    ];
  }
  return [{ actions, resources: [`arn:aws:bedrock:\${region}::foundation-model/${entry.id}`] }];
}

/** The statements the agent's role must carry; verification checks them in the IaC. */
export function requiredIamStatements(project: ResolvedProject): IamStatement[] {
  const statements = modelStatements(project);
  for (const tool of project.tools) {
    tool.entry.iam.forEach((s, i) => {
      const bad = s.actions.find((a) => !ARN_ACTION.test(a));
      if (bad) throw new DomainError("invalid", `Registry tool '${tool.entry.id}' iam[${i}].actions has an invalid action '${bad}'`);
      statements.push({ actions: [...s.actions], resources: [...s.resources] });
    });
  }
  if (project.spec.guardrails) {
    // Only the guardrail this stack creates; ${guardrailId} becomes its GuardrailId in CloudFormation.
    statements.push({ actions: ["bedrock:ApplyGuardrail"], resources: ["arn:aws:bedrock:${region}:${account}:guardrail/${guardrailId}"] });
  }
  if (project.spec.security.secretsSource === "secrets-manager") {
    statements.push({
      actions: ["secretsmanager:GetSecretValue"],
      resources: ["arn:aws:secretsmanager:${region}:${account}:secret:${secretName}-*"],
    });
  }
  return statements;
}

/** A registry resource string as a CloudFormation value. */
export function cfnResource(resource: string): CfnValue {
  if (resource === "*") return "*";
  const hasPlaceholder = /\$\{(region|account|secretName|guardrailId)\}/.test(resource);
  const partitioned = resource.replace(/^arn:aws:/, "arn:${AWS::Partition}:");
  // Any other ${...} is literal text for Fn::Sub: escape it as ${!...}.
  const escaped = partitioned.replace(/\$\{(?!AWS::Partition\}|region\}|account\}|secretName\}|guardrailId\})/g, "${!");
  const sub = escaped
    .replace(/\$\{region\}/g, "${AWS::Region}")
    .replace(/\$\{account\}/g, "${AWS::AccountId}")
    .replace(/\$\{secretName\}/g, "${SecretName}")
    .replace(/\$\{guardrailId\}/g, "${AgentGuardrail.GuardrailId}");
  return hasPlaceholder || partitioned !== resource ? { "Fn::Sub": sub } : resource;
}

/** The agent's own statements (model, tools, secret) for a role policy, merged by identical resources. */
export function agentPolicyStatements(required: IamStatement[]): CfnStatement[] {
  const merged = new Map<string, { actions: Set<string>; resources: string[] }>();
  for (const s of required) {
    const key = JSON.stringify([...s.resources].sort());
    const entry = merged.get(key) ?? { actions: new Set<string>(), resources: [...s.resources].sort() };
    s.actions.forEach((a) => entry.actions.add(a));
    merged.set(key, entry);
  }
  return [...merged.values()].map((s, i) => ({
    Sid: `Agent${i + 1}`,
    Effect: "Allow",
    Action: [...s.actions].sort(),
    Resource: s.resources.map(cfnResource),
  }));
}

/** True when `granted` (possibly with `*` wildcards) covers `action`. */
export function actionCovers(granted: string, action: string): boolean {
  if (granted === "*") return true;
  const pattern = new RegExp(`^${granted.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`, "i");
  return pattern.test(action);
}

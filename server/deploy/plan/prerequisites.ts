import type { ToolEntry } from "../../registry/schema";
import type { AgentSpec } from "../../spec/agent-spec";
import type { CfnTemplate } from "./iac";
import type { ModelAccess } from "./model-access";

/** What must exist in the account before the stack can work; `ready` items are already satisfied. */
export type Prerequisite =
  | { kind: "model-access"; title: string; detail: string; ready: boolean; access: ModelAccess }
  | { kind: "secret"; title: string; detail: string; ready: boolean; secretName: string; keys: string[] }
  | { kind: "resource-id"; title: string; detail: string; ready: boolean; toolId: string; field: string; value: string | null };

/** The secret name the stack reads: the default of its `SecretName`-like parameter, else `<agent>/runtime`. */
function secretName(template: CfnTemplate | null, spec: AgentSpec): string {
  const param = template?.parameters.find((p) => /secret/i.test(p.name) && typeof p.default === "string");
  return (param?.default as string | undefined) ?? `${spec.name}/runtime`;
}

/** Tool settings that name an AWS resource the agent reads (a knowledge base, a memory): it must exist before the deploy. */
const RESOURCE_ID = /(knowledge_base|memory|kb)_id$/;

export function prerequisites(spec: AgentSpec, access: ModelAccess, tools: readonly ToolEntry[], template: CfnTemplate | null): Prerequisite[] {
  const out: Prerequisite[] = [
    {
      kind: "model-access",
      title: `Bedrock model access: ${access.modelName} in ${access.region}`,
      detail: [access.note, ...access.profiles.map((p) => `${p.modelId}: ${p.regions}${p.coversRegion ? " (covers this Region)" : ""}`)].join("\n"),
      ready: false,
      access,
    },
  ];
  const secretKeys = tools.flatMap((t) => t.env.filter((e) => e.secret).map((e) => e.name));
  if (secretKeys.length > 0) {
    const name = secretName(template, spec);
    const how = spec.security.secretsSource === "secrets-manager"
      ? `Create the Secrets Manager secret '${name}' in ${spec.deployment.region} as a JSON object with the keys ${secretKeys.join(", ")}.`
      : `Set ${secretKeys.join(", ")} in the runtime environment (secretsSource is env).`;
    out.push({ kind: "secret", title: `Secrets: ${secretKeys.join(", ")}`, detail: how, ready: false, secretName: name, keys: [...new Set(secretKeys)] });
  }
  for (const choice of spec.tools) {
    const tool = tools.find((t) => t.id === choice.id);
    for (const param of tool?.config.filter((c) => RESOURCE_ID.test(c.name)) ?? []) {
      const value = choice.config[param.name] ?? param.default;
      const set = typeof value === "string" && value.length > 0;
      out.push({
        kind: "resource-id",
        title: `${tool!.name}: ${param.name}`,
        detail: set ? `${param.description}: ${String(value)} must exist in ${spec.deployment.region}.` : `${param.description} is not set: add it to the tool's configuration before deploying.`,
        ready: set,
        toolId: choice.id,
        field: param.name,
        value: set ? String(value) : null,
      });
    }
  }
  return out;
}

import { DEPLOYMENT_TARGETS } from "../projects/deployment-targets";
/**
 * The spec fields the Consultation tab shows, in the order the PM asks about them, with
 * how each is edited. Values are checked again on the server (consultation.updateSpec).
 */
export type FieldKind = "text" | "textarea" | "number" | "select" | "model" | "tools";

export type FieldMeta = {
  path: string;
  label: string;
  kind: FieldKind;
  options?: readonly { value: string; label: string }[];
  hint?: string;
  /** What the number means, shown after it. */
  unit?: string;
};

export const TARGETS = DEPLOYMENT_TARGETS.map((t) => ({ value: t.id, label: t.label }));

export const SPEC_FIELDS: readonly FieldMeta[] = [
  { path: "requirements.useCase", label: "Use case", kind: "text", hint: "What the agent does, in a few words" },
  { path: "description", label: "Description", kind: "textarea" },
  { path: "tools", label: "Tools", kind: "tools" },
  { path: "requirements.requestsPerDay", label: "Traffic", kind: "number", unit: "requests / day" },
  { path: "requirements.monthlyBudgetUsd", label: "Budget", kind: "number", unit: "USD / month" },
  { path: "deployment.target", label: "Deployment target", kind: "select", options: TARGETS },
  {
    path: "deployment.iac",
    label: "Infrastructure as code",
    kind: "select",
    options: [
      { value: "cloudformation", label: "CloudFormation" },
      { value: "terraform", label: "Terraform" },
    ],
    hint: "What the generated project deploys itself with; deploys from Agent Builder use CloudFormation",
  },
  { path: "model.id", label: "Model", kind: "model" },
  { path: "systemPrompt", label: "System prompt", kind: "textarea" },
  { path: "name", label: "Agent name", kind: "text", hint: "3–48 lowercase letters, digits and dashes" },
  { path: "language", label: "Language", kind: "select", options: [{ value: "python", label: "Python" }, { value: "typescript", label: "TypeScript" }] },
  { path: "deployment.region", label: "AWS region", kind: "text", hint: "e.g. us-east-1, eu-central-1" },
  { path: "requirements.latencyTargetMs", label: "Reply within", kind: "number", unit: "ms" },
  {
    path: "memory.type",
    label: "Memory",
    kind: "select",
    options: [
      { value: "conversation", label: "Conversation window" },
      { value: "none", label: "None (stateless)" },
      { value: "agentcore-memory", label: "AgentCore Memory" },
      { value: "dynamodb", label: "DynamoDB" },
    ],
  },
];

const LABELS: Record<string, string> = Object.fromEntries(SPEC_FIELDS.map((f) => [f.path, f.label]));

/** "requirements.requestsPerDay" → "Traffic"; tool settings → "Tool 1: knowledge_base_id". */
export function fieldLabel(path: string): string {
  const setting = /^tools\.(\d+)\.config\.(\w+)$/.exec(path);
  if (setting) return `Tool ${Number(setting[1]) + 1}: ${setting[2]!.replace(/_/g, " ")}`;
  return LABELS[path] ?? path;
}

export function formatValue(meta: FieldMeta, value: unknown): string {
  if (value === undefined || value === null || value === "") return "";
  if (meta.kind === "select") return meta.options?.find((o) => o.value === value)?.label ?? String(value);
  if (meta.kind === "number" && typeof value === "number") return `${value.toLocaleString("en-US")}${meta.unit ? ` ${meta.unit}` : ""}`;
  return String(value);
}

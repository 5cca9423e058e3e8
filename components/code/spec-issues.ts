/** A missing or invalid spec field, as generation.generate reports it (server/spec/agent-spec.ts). */
export type SpecIssue = { path: string; kind: "missing" | "invalid"; message: string; /** The field in the user's words, when the server knows it (tool settings). */ label?: string };

/** The spec issues a BAD_REQUEST from generation.generate carries in `data.details.issues`, or null. */
export function specIssuesOf(error: unknown): SpecIssue[] | null {
  const issues = (error as { data?: { details?: { issues?: unknown } | null } } | null)?.data?.details?.issues;
  if (!Array.isArray(issues)) return null;
  const valid = issues.filter(
    (i): i is SpecIssue =>
      typeof i === "object" && i !== null && typeof (i as SpecIssue).path === "string" && typeof (i as SpecIssue).message === "string" && ((i as SpecIssue).kind === "missing" || (i as SpecIssue).kind === "invalid"),
  );
  return valid.length > 0 ? valid : null;
}

/** Human names for the spec's fields, for the "what is missing" list. */
const FIELD_LABEL: Record<string, string> = {
  name: "Agent name",
  description: "Description",
  systemPrompt: "System prompt",
  language: "Language",
  model: "Model",
  "model.id": "Model",
  tools: "Tools",
  deployment: "Deployment target",
  "deployment.target": "Deployment target",
  memory: "Memory",
  observability: "Observability",
  security: "Security",
};

export const fieldLabel = (path: string) => FIELD_LABEL[path] ?? path;

import { GuardrailsSpec } from "../../spec/guardrails";
import type { RunModelContext } from "../model/choose";
import type { LoadedFiles } from "../prepare/project-files";

/**
 * What the run's model needs from the project: the guardrail in its agent-spec.json, which
 * the offline mock honours. The files are untrusted (a CLI run reads any directory): the
 * spec is parsed with the same zod schema, and a missing or bad one means no guardrail.
 */
export function runModelContext(files: LoadedFiles): RunModelContext {
  const bytes = files.get("agent-spec.json");
  if (!bytes) return {};
  try {
    const spec = JSON.parse(new TextDecoder().decode(bytes)) as { guardrails?: unknown } | null;
    const parsed = GuardrailsSpec.safeParse(spec?.guardrails);
    return parsed.success ? { guardrails: parsed.data } : {};
  } catch {
    return {};
  }
}

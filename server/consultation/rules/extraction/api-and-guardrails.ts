import { endpointAt } from "../../../openapi/endpoint-in-text";
import type { ApiTool } from "../../../spec/api-tools";
import type { DeniedTopic } from "../../../spec/guardrails";
import type { Signals } from "./signals";

/**
 * Two things the offline consultation reads from a description that are not registry tools:
 * an endpoint the agent calls becomes an apiTools operation (the same openapi/endpoint-in-text
 * the change requests use), and "never give X advice" becomes a guardrail denied topic.
 */

export type ApisFromSignals = { apiTools: ApiTool[]; changed: boolean; signals: Signals };

/**
 * Each endpoint in the prompt needs as an API tool. The HTTP tool stays only for an endpoint
 * that cannot become one (the reason is kept in its prompt line) or when the user asked for
 * HTTP in other words too.
 */
export function endpointsAsApiTools(existing: ApiTool[], signals: Signals): ApisFromSignals {
  let apiTools = existing;
  let failed = false;
  const apis = signals.promptNeeds.apis.map((api) => {
    const added = endpointAt(apiTools, api.url, `${api.what} ${api.url}`);
    if (!added.ok) {
      failed = true;
      return api;
    }
    apiTools = added.apiTools;
    return { ...api, tool: added.operation };
  });
  const changed = apiTools !== existing;
  if (apis.length === 0) return { apiTools, changed, signals };
  const toolIntents = new Map(signals.toolIntents);
  if (!failed && !signals.httpBesidesEndpoints) toolIntents.delete("http");
  return { apiTools, changed, signals: { ...signals, toolIntents, promptNeeds: { ...signals.promptNeeds, apis } } };
}

export type GuardrailsDraft = { deniedTopics?: DeniedTopic[]; [key: string]: unknown };

/** The draft's guardrails with the topics the user named added (by name, case-insensitive); undefined when none are new. */
export function guardrailsWith(current: GuardrailsDraft | undefined, topics: DeniedTopic[]): GuardrailsDraft | undefined {
  const existing = current?.deniedTopics ?? [];
  const added = topics.filter((t) => !existing.some((e) => e.name.toLowerCase() === t.name.toLowerCase()));
  if (added.length === 0) return undefined;
  return { ...(current ?? {}), deniedTopics: [...existing, ...added].slice(0, 30) };
}

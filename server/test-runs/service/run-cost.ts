import { z } from "zod";
import { estimateModelMonthlyCost } from "../../cost/model-cost";
import type { ProjectFiles } from "../../generation/types";
import type { Registry } from "../../registry/load";
import type { ModelServed } from "../types";

/**
 * The price of one run: its tokens at the published prices of the model it is priced as —
 * the model that served it, or, for the mock, the agent's own model (what the run would
 * have cost for real). null when tokens or prices are unknown; never a made-up $0.
 */
export function runCostUsd(served: ModelServed, tokensIn: number | null, tokensOut: number | null, registry: Registry): number | null {
  if (tokensIn === null || tokensOut === null) return null;
  // The mock serves under the agent's own model id (see mockPlan), so both cases read served.id.
  const model = registry.modelById.get(served.id);
  if (!model) return null;
  const cost = estimateModelMonthlyCost(model, { requestsPerMonth: 1, inputTokens: tokensIn, outputTokens: tokensOut });
  return cost.known ? cost.monthlyUsd : null;
}

const ModelField = z.object({ model: z.object({ id: z.string().min(1).max(200) }) }).passthrough();

/** The agent's own model id, from agent-spec.json or agent_config.json of its files (null if absent). */
export function agentModelOf(files: ProjectFiles): string | null {
  for (const name of ["agent-spec.json", "agent_config.json"]) {
    const content = files.get(name);
    if (content === undefined) continue;
    try {
      const parsed = ModelField.safeParse(JSON.parse(typeof content === "string" ? content : Buffer.from(content).toString("utf8")));
      if (parsed.success) return parsed.data.model.id;
    } catch {
      /* next */
    }
  }
  return null;
}

import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "~/server/api/root";

export type TemplateSummary = inferRouterOutputs<AppRouter>["template"]["list"][number];


/** Templates grouped by category, in the order the server sorted them. */
export function byCategory(templates: readonly TemplateSummary[]): [string, TemplateSummary[]][] {
  const groups = new Map<string, TemplateSummary[]>();
  for (const t of templates) groups.set(t.category, [...(groups.get(t.category) ?? []), t]);
  return [...groups.entries()];
}

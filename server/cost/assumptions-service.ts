import { z } from "zod";
import { getOwnedProject, ProjectId, touchProject } from "../projects/service";
import { DomainError } from "../errors";
import { mergePatch, updateDraft, type DraftChange, type DraftState } from "../spec/draft";
import { tokensPerRequest } from "./lines/model";
import { computeView, type CostServiceDeps, type CostView } from "./view";

export const SaveAssumptionsInput = z.object({ projectId: ProjectId, usage: z.record(z.string(), z.unknown()) });
export type SaveAssumptionsInput = z.input<typeof SaveAssumptionsInput>;

/**
 * Stores the cost assumptions the user edited with the project (merged into the stored
 * ones), after checking them the way an estimate does; they survive a reload and the
 * Models tab prices with them too.
 * @throws DomainError invalid naming a bad figure; nothing is stored then.
 */
export async function saveCostAssumptions(deps: CostServiceDeps, userId: string, input: z.input<typeof SaveAssumptionsInput>): Promise<CostView> {
  const { projectId, usage } = SaveAssumptionsInput.parse(input);
  await getOwnedProject(deps.db, userId, projectId);
  const { view } = await computeView(deps, projectId, undefined, usage);
  await writeCostDraft(deps, projectId, userId, (current) => ({ assumptions: mergePatch(current.assumptions, usage) }));
  return view;
}

/** A cost write through the draft module: retried once on a concurrent write, then the project is touched (the dashboard sorts by last change). */
export const writeCostDraft = (deps: CostServiceDeps, projectId: string, ownerId: string, change: (current: DraftState) => DraftChange) =>
  updateDraft({ dynamo: deps.dynamo, tools: deps.tools }, { projectId, ownerId }, change, { afterCommit: () => touchProject(deps.db, projectId) });

export const specOfState = (state: DraftState): Record<string, unknown> => {
  const { lockedPaths: _l, ...draft } = state.draft;
  return draft;
};

/** The traffic the Models tab prices with: the same requests and tokens per request as the Cost tab's model line. */
export type ProjectTraffic = { requestsPerDay: number; requestsPerMonth: number; inputTokens: number; outputTokens: number };

/**
 * The project's one usage assumption as model traffic, or null while the draft has no
 * model or target to price (the Models tab then starts from its own figures).
 */
export async function projectTraffic(deps: CostServiceDeps, userId: string, projectId: string): Promise<ProjectTraffic | null> {
  await getOwnedProject(deps.db, userId, ProjectId.parse(projectId));
  let computed: Awaited<ReturnType<typeof computeView>>;
  try {
    computed = await computeView(deps, projectId, undefined, undefined);
  } catch (e) {
    if (e instanceof DomainError && e.code === "invalid" && e.details?.missing) return null;
    throw e;
  }
  const { usage } = computed.view;
  const t = tokensPerRequest(computed.spec, usage);
  const requestsPerDay = Math.round(((usage.requestsPerMonth * 24) / usage.hoursPerMonth) * 100) / 100;
  return { requestsPerDay, requestsPerMonth: usage.requestsPerMonth, inputTokens: Math.round(t.input), outputTokens: Math.round(t.output) };
}

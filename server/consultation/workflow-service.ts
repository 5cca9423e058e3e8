import type { Db } from "../db/client";
import { hasSuccessfulRun } from "../test-runs/store/runs-repo";
import { advance, goBack } from "../projects/workflow";
import type { SpecRegistry } from "./rules";
import type { Transition, WorkflowFacts } from "../projects/workflow";
import type { Platform } from "../platform/types";
import { getOwnedProject } from "../projects/service";
import { latestVersion } from "../versions/service";
import type { GoBackInput, WorkflowInput } from "./inputs";
import type { DraftState } from "../spec/draft";
import { describeState, draftAt, saveConsultation, type ConsultationState } from "./state";

export type WorkflowDeps = { platform: Platform; registry: SpecRegistry };

/**
 * One step forward on request. The rules (completeness a phase needs, generated code
 * before testing, a passing test run before deployment) live in projects/workflow.ts;
 * a refused step is BAD_REQUEST saying why. Saved conditional on the client's `rev`.
 */
export async function advanceWorkflow(deps: WorkflowDeps, userId: string, input: WorkflowInput): Promise<ConsultationState> {
  return transition(deps, userId, input, async (context) => {
    const facts = await workflowFacts(deps.platform.db, input.projectId);
    return advance(context.workflow, describeState(context, deps.registry).completeness, facts);
  });
}

/** Back to an earlier phase; the project stops advancing by itself until the user advances again. */
export async function goBackWorkflow(deps: WorkflowDeps, userId: string, input: GoBackInput): Promise<ConsultationState> {
  return transition(deps, userId, input, async (context) => goBack(context.workflow, input.to));
}

async function transition(deps: WorkflowDeps, userId: string, input: WorkflowInput, decide: (context: DraftState) => Promise<Transition>): Promise<ConsultationState> {
  const { platform, registry } = deps;
  await getOwnedProject(platform.db, userId, input.projectId);
  const context = await draftAt(platform, input.projectId, userId, input.rev);
  const next = await decide(context);
  const saved = await saveConsultation(deps, { projectId: input.projectId, ownerId: userId, rev: input.rev }, { workflow: next.state }, next.events);
  return describeState(saved, registry);
}

/** What the phases after code generation need to know. */
async function workflowFacts(db: Db, projectId: string): Promise<WorkflowFacts> {
  const [version, testsPassed] = await Promise.all([latestVersion(db, projectId), hasSuccessfulRun(db, projectId)]);
  return { generated: version !== null, testsPassed };
}

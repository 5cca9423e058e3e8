import { ensureContext, saveContext } from "../../server/dynamo/context-repo";
import type { LocalPlatform } from "../../server/platform/local";
import { QUEUE_NAMES } from "../../server/platform/types";
import { createPipelineDeps } from "../../server/modifications/workers/default-deps";
import type { PipelineDeps } from "../../server/modifications/workers/deps";
import { createQueueHandler } from "../../server/modifications/workers/handler";

import { SPEC } from "./sample-spec";

export { SPEC };

export async function setDraft(platform: LocalPlatform, projectId: string, ownerId: string, draft: Record<string, unknown> = { ...SPEC }) {
  const ctx = await ensureContext(platform.dynamo, projectId, ownerId);
  await saveContext(platform.dynamo, projectId, ctx.rev, { draft });
}

/** Starts the four workers on the test platform's queues, with optional overrides of their engines. */
export function startWorkers(platform: LocalPlatform, overrides: Partial<PipelineDeps> = {}): PipelineDeps {
  const deps = { ...createPipelineDeps(platform), ...overrides };
  for (const role of QUEUE_NAMES) platform.jobs.consume(role, createQueueHandler(role, async () => deps));
  return deps;
}

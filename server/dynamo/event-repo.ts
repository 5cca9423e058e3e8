import type { ProjectEvent } from "../platform/types";
import type { DynamoService } from "./service";

/**
 * Appends an event with the project's next sequence number. The counter is an atomic ADD,
 * and the event write is conditional on its key being new, so two writers never share a seq
 * (dynalite has no multi-item transactions, so these are two single-item writes).
 */
export async function appendEvent(dynamo: DynamoService, projectId: string, type: string, payload: unknown): Promise<ProjectEvent> {
  const counter = await dynamo.entities.eventCounter.update({ projectId }).add({ seq: 1 }).go({ response: "all_new" });
  const seq = counter.data.seq ?? 1;
  const event = { projectId, seq, type, payload: payload ?? null, createdAt: new Date().toISOString() };
  await dynamo.entities.projectEvent.create(event).go();
  return event;
}

/** Events after `afterSeq`, oldest first (the realtime replay after a reconnect). */
export async function listEventsAfter(dynamo: DynamoService, projectId: string, afterSeq: number, limit = 500): Promise<ProjectEvent[]> {
  const result = await dynamo.entities.projectEvent.query.byProject({ projectId }).gt({ seq: afterSeq }).go({ limit });
  return result.data.map((e) => ({ projectId: e.projectId, seq: e.seq, type: e.type, payload: e.payload ?? null, createdAt: e.createdAt }));
}

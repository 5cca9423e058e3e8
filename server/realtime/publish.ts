import { appendEvent } from "../dynamo/event-repo";
import { log } from "../log";
import type { Platform, ProjectEvent } from "../platform/types";

/**
 * Stores a project event (the log is the source of truth), then delivers it live. A failed
 * delivery is only logged: subscribers replay from the log after reconnecting.
 */
export async function publishEvent(platform: Pick<Platform, "dynamo" | "events">, projectId: string, type: string, payload: unknown): Promise<ProjectEvent> {
  const event = await appendEvent(platform.dynamo, projectId, type, payload);
  await platform.events.deliver(event).catch((e) => log.warn("live event delivery failed", { projectId, seq: event.seq, error: String(e) }));
  return event;
}

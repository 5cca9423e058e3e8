import { authenticate } from "../auth/authenticate";
import { listEventsAfter } from "../dynamo/event-repo";
import type { Platform } from "../platform/types";
import { getOwnedProject } from "../projects/service";
import type { RealtimeDeps } from "./server";

/** The realtime server's dependencies on the platform: the same auth and ownership rules as the API. */
export function realtimeDeps(platform: Platform, onCommand?: RealtimeDeps["onCommand"]): RealtimeDeps {
  return {
    async authenticate(headers) {
      const caller = await authenticate(platform.db, headers);
      return caller && caller !== "bad-token" ? caller.userId : null;
    },
    canAccess: (userId, projectId) => getOwnedProject(platform.db, userId, projectId).then(() => true, () => false),
    replay: (projectId, afterSeq) => listEventsAfter(platform.dynamo, projectId, afterSeq),
    onCommand,
  };
}

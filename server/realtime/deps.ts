import { authenticate } from "../auth/authenticate";
import { isSameOrigin } from "../auth/same-origin";
import { listEventsAfter } from "../dynamo/event-repo";
import type { Platform } from "../platform/types";
import { getOwnedProject } from "../projects/service";
import { cancelModification } from "../modifications/workers/lifecycle";
import { REPLAY_PAGE, type RealtimeDeps } from "./server";

/**
 * The realtime server's dependencies on the platform: the same auth and ownership rules as
 * the API, and client commands forwarded to the same services (cancel → the modification
 * lifecycle, which re-enqueues the project's next job).
 */
export function realtimeDeps(platform: Platform): RealtimeDeps {
  return {
    async authenticate(headers) {
      const caller = await authenticate(platform.db, headers, platform.usersClock);
      if (!caller || caller === "bad-token") return null;
      // A browser sends the session cookie with any page's upgrade: only our own pages may use it.
      if (caller.via === "session" && !isSameOrigin(headers)) return null;
      return caller.userId;
    },
    canAccess: (userId, projectId) => getOwnedProject(platform.db, userId, projectId).then(() => true, () => false),
    replay: (projectId, afterSeq) => listEventsAfter(platform.dynamo, projectId, afterSeq, REPLAY_PAGE),
    async onCommand(userId, message) {
      await cancelModification({ platform }, userId, message.projectId, message.modificationId);
    },
  };
}

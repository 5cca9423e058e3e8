import type { Platform } from "../platform";
import { clockCache } from "../platform/clock-cache";
import { listProjects, type Project } from "./service";

/**
 * `project.list` answered from memory while nothing that could change it was written (the
 * platform's projects clock: platform/clock-cache.ts). Locally one PGlite query is ~1 ms of the
 * web process's only core and dominated the procedure's CPU profile (bench/README.md). In aws
 * mode the platform has no clock and every call queries.
 */

/** Frozen, array and rows: the same answer is handed to every caller until the next write (and its serialisation is kept: server/api/transformer.ts). */
const frozen = (rows: Project[]): readonly Project[] => Object.freeze(rows.map((r) => Object.freeze(r)));
const lists = clockCache<readonly Project[]>();

export function listProjectsCached(platform: Platform, ownerId: string): Promise<readonly Project[]> {
  if (!platform.projectsClock) return listProjects(platform.db, ownerId);
  return lists(platform.projectsClock, ownerId, async () => frozen(await listProjects(platform.db, ownerId)));
}

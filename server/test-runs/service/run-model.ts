import type { Platform } from "../../platform/types";
import { getOwnedProject } from "../../projects/service";
import { getVersion, latestVersion, readVersionFiles } from "../../versions/service";
import { sandboxAvailable } from "../sandbox/host";
import type { ModelServed, TestRunner } from "../types";
import { agentModelOf } from "./run-cost";

/** What the Testing tab shows before a run: the model it would use (mock labelled) and whether runs can start here. */
export async function describeRunModel(d: { platform: Platform; runner: TestRunner }, userId: string, projectId: string, versionId?: string): Promise<{ model: ModelServed | null; available: boolean; reason: string | null }> {
  await getOwnedProject(d.platform.db, userId, projectId);
  const version = versionId ? await getVersion(d.platform.db, projectId, versionId) : await latestVersion(d.platform.db, projectId);
  if (d.runner.kind === "local" && !sandboxAvailable()) {
    return { model: null, available: false, reason: "Test runs need bubblewrap and root on this host (apt-get install bubblewrap)." };
  }
  if (!version) return { model: null, available: true, reason: null };
  const model = await d.runner.modelFor(agentModelOf(await readVersionFiles(d.platform, version)));
  return { model, available: true, reason: null };
}

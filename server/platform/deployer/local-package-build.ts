import type { BlobStore } from "../types";
import type { LambdaPackager } from "./local-lambda-package";
import type { BuildState, LambdaPackageRequest } from "./types";

/**
 * The local account's CodeBuild for Lambda packages: the packager runs in the background and
 * its outcome is recorded in the blob store, where the build is read like CodeBuild's
 * BatchGetBuilds. A build whose process died (a server restart) is reported failed, as
 * CodeBuild reports a build that can no longer finish.
 */
type PackageRecord = { kind: "lambda-package"; pid: number; status: BuildState["status"]; reason: string | null; note: string | null };

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const encode = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));

export async function startPackageBuild(blobs: BlobStore, o: { recordKey: string; source: Uint8Array; outputKey: string; input: LambdaPackageRequest; packager?: LambdaPackager }): Promise<void> {
  const started: PackageRecord = { kind: "lambda-package", pid: process.pid, status: "IN_PROGRESS", reason: null, note: null };
  await blobs.put(o.recordKey, encode(started), "application/json");
  void (async () => {
    try {
      if (!o.packager) throw new Error("this local account has no Lambda packager configured");
      const built = await o.packager(o.source, o.input);
      await blobs.put(o.outputKey, built.zip, "application/zip");
      await blobs.put(o.recordKey, encode({ ...started, status: "SUCCEEDED", note: built.note }), "application/json");
    } catch (e) {
      await blobs.put(o.recordKey, encode({ ...started, status: "FAILED", reason: `BUILD: ${(e as Error).message}` }), "application/json");
    }
  })();
}

/** The build's state when `record` is a package build's, else null (an image build). */
export function packageBuildState(record: unknown): BuildState | null {
  const r = record as Partial<PackageRecord> | null;
  if (!r || r.kind !== "lambda-package" || typeof r.pid !== "number") return null;
  if (r.status === "IN_PROGRESS" && !processAlive(r.pid)) return { status: "FAILED", imageUri: null, reason: "BUILD: interrupted by a restart of the server", note: null };
  return { status: r.status ?? "FAILED", imageUri: null, reason: r.reason ?? null, note: r.note ?? null };
}

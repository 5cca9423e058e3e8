import type { DynamoService } from "./service";

export type ProjectFile = { projectId: string; versionId: string; path: string; content: string; encoding: "utf8" | "base64"; sha256: string; size: number };

/** Writes a version's files, one item each (batched 25 at a time by ElectroDB). */
export async function putProjectFiles(dynamo: DynamoService, files: ProjectFile[]): Promise<void> {
  if (files.length === 0) return;
  const { unprocessed } = await dynamo.entities.projectFile.put(files).go();
  if (unprocessed.length > 0) throw new Error(`${unprocessed.length} project files were not written`);
}

/** The files of one version of a project, in path order. */
export async function listProjectFiles(dynamo: DynamoService, projectId: string, versionId: string): Promise<ProjectFile[]> {
  const { data } = await dynamo.entities.projectFile.query.byProject({ projectId, versionId }).go({ pages: "all" });
  return data.map((f) => ({ ...f, encoding: f.encoding ?? "utf8" }));
}

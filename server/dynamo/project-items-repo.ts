import type { DynamoService } from "./service";

/** Every DynamoDB entity keyed by project (their `byProject` index is the item's own key). */
const PROJECT_ENTITIES = ["projectContext", "conversationMessage", "projectFile", "modification", "projectEvent", "eventCounter"] as const;

type ByProjectEntity = {
  query: { byProject(k: { projectId: string }): { go(o: { pages: "all" }): Promise<{ data: Record<string, unknown>[] }> } };
  delete(items: Record<string, unknown>[]): { go(): Promise<{ unprocessed: unknown[] }> };
};

/** Deletes every DynamoDB item of a project: context, conversation, files, modifications, events. */
export async function purgeProjectItems(dynamo: DynamoService, projectId: string): Promise<number> {
  let deleted = 0;
  for (const name of PROJECT_ENTITIES) {
    const entity = dynamo.entities[name] as unknown as ByProjectEntity;
    const { data } = await entity.query.byProject({ projectId }).go({ pages: "all" });
    if (data.length === 0) continue;
    const { unprocessed } = await entity.delete(data).go();
    if (unprocessed.length > 0) throw new Error(`${unprocessed.length} ${name} items of ${projectId} were not deleted`);
    deleted += data.length;
  }
  return deleted;
}

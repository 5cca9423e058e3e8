import type { DynamoService } from "./service";

export type StoredTemplate = { templateId: string; ownerId: string; name: string; category: string; description: string; spec: unknown; createdAt: string };

export async function createTemplate(dynamo: DynamoService, t: Omit<StoredTemplate, "createdAt">, files: { path: string; content: string }[] = []): Promise<StoredTemplate> {
  const item = { ...t, createdAt: new Date().toISOString() };
  // Files first: a template item never points at files that were not written.
  if (files.length > 0) await dynamo.entities.templateFile.put(files.map((f) => ({ templateId: t.templateId, ...f }))).go();
  await dynamo.entities.template.create(item).go();
  return item;
}

export async function getTemplate(dynamo: DynamoService, templateId: string): Promise<StoredTemplate | null> {
  const { data } = await dynamo.entities.template.get({ templateId }).go();
  return data ? ({ description: "", ...data } as StoredTemplate) : null;
}

/** A user's templates, by category (then id) — optionally one category only. */
export async function listTemplates(dynamo: DynamoService, ownerId: string, category?: string): Promise<StoredTemplate[]> {
  const q = dynamo.entities.template.query.byOwnerCategory(category ? { ownerId, category } : { ownerId });
  const { data } = await q.go({ pages: "all" });
  return data.map((d) => ({ description: "", ...d }) as StoredTemplate);
}

export async function listTemplateFiles(dynamo: DynamoService, templateId: string) {
  const { data } = await dynamo.entities.templateFile.query.byTemplate({ templateId }).go({ pages: "all" });
  return data.map((f) => ({ path: f.path, content: f.content }));
}

export async function deleteTemplate(dynamo: DynamoService, templateId: string): Promise<void> {
  await dynamo.entities.template.delete({ templateId }).go();
  const files = await listTemplateFiles(dynamo, templateId);
  if (files.length > 0) await dynamo.entities.templateFile.delete(files.map((f) => ({ templateId, path: f.path }))).go();
}

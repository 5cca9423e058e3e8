import { z } from "zod";
import type { Db } from "../db/client";
import type { DynamoService } from "../dynamo/service";
import { DomainError } from "../errors";
import { getOwnedProject, ProjectId } from "../projects/service";
import type { ToolEntry } from "../registry/schema";
import { ApiIdentifier, ApiToolsSection, type ApiTool } from "../spec/api-tools";
import { readDraft, updateDraft, withLocks } from "../spec/draft";
import { MAX_DOCUMENT_CHARS } from "./document";
import { apiToolFromEndpoint, EndpointInput } from "./endpoint";
import { apiToolFromDocument, FromDocumentOptions, previewApiDocument, type ApiPreview } from "./import";

/**
 * A project's own APIs as tools (the Tools tab's "Add your API"): preview a document, add
 * the selected operations (or one described endpoint), list and remove. Every procedure
 * first checks that the caller owns the project (NOT_FOUND otherwise), then writes the
 * spec draft's `apiTools` through updateDraft, locked so extraction keeps it.
 */

export type ApiToolsDeps = { db: Db; dynamo: DynamoService; tools: readonly ToolEntry[] };

const Document = z.string().min(1, "paste or upload a document").max(MAX_DOCUMENT_CHARS);
export const ApiToolsRef = z.object({ projectId: ProjectId });
export const PreviewApiInput = ApiToolsRef.extend({ document: Document });
export const AddApiFromDocumentInput = ApiToolsRef.extend({ document: Document }).extend(FromDocumentOptions.shape);
export const AddApiEndpointInput = ApiToolsRef.extend({ endpoint: EndpointInput });
export const RemoveApiInput = ApiToolsRef.extend({ name: ApiIdentifier });
export type AddApiFromDocumentInput = z.input<typeof AddApiFromDocumentInput>;

const LOCK = "apiTools";

/** The project's API tools as stored in its draft (an unparseable entry is left out). */
export async function listProjectApiTools(deps: ApiToolsDeps, userId: string, projectId: string): Promise<ApiTool[]> {
  await getOwnedProject(deps.db, userId, projectId);
  const { draft } = await readDraft(deps.dynamo, projectId, userId);
  const parsed = ApiToolsSection.safeParse((draft as { apiTools?: unknown }).apiTools ?? []);
  return parsed.success ? parsed.data : [];
}

/** The operations of a document, for the user to pick from; nothing is stored. */
export async function previewProjectApi(deps: ApiToolsDeps, userId: string, input: z.infer<typeof PreviewApiInput>): Promise<ApiPreview> {
  await getOwnedProject(deps.db, userId, input.projectId);
  return previewApiDocument(input.document);
}

/**
 * Adds (or replaces, by name) one API in the draft, after the whole section validates:
 * operation names must stay unique across APIs; gateway exposure needs AgentCore.
 */
export async function saveProjectApiTool(deps: ApiToolsDeps, userId: string, projectId: string, api: ApiTool): Promise<ApiTool[]> {
  await getOwnedProject(deps.db, userId, projectId);
  const saved = await updateDraft({ dynamo: deps.dynamo, tools: deps.tools }, { projectId, ownerId: userId }, (current) => {
    const draft = current.draft as typeof current.draft & { apiTools?: unknown; deployment?: { target?: unknown } };
    if (api.exposure === "gateway" && (draft.deployment?.target ?? "agentcore") !== "agentcore") {
      throw new DomainError("invalid", "exposure 'gateway' needs the AgentCore deployment target", { field: "exposure" });
    }
    const existing = ApiToolsSection.safeParse(draft.apiTools ?? []);
    const others = (existing.success ? existing.data : []).filter((a) => a.name !== api.name);
    const next = ApiToolsSection.safeParse([...others, api]);
    if (!next.success) {
      const issue = next.error.issues[0]!;
      throw new DomainError("invalid", `apiTools.${issue.path.join(".")} ${issue.message}`, { field: "name" });
    }
    return { draft: withLocks({ ...draft, apiTools: next.data } as typeof current.draft, [LOCK]) };
  });
  return ApiToolsSection.parse((saved.draft as { apiTools?: unknown }).apiTools ?? []);
}

export async function addApiFromDocument(deps: ApiToolsDeps, userId: string, input: AddApiFromDocumentInput): Promise<ApiTool[]> {
  await getOwnedProject(deps.db, userId, input.projectId);
  const { projectId, document, ...options } = input;
  return saveProjectApiTool(deps, userId, projectId, await apiToolFromDocument(document, options));
}

export async function addApiEndpoint(deps: ApiToolsDeps, userId: string, input: z.input<typeof AddApiEndpointInput>): Promise<ApiTool[]> {
  await getOwnedProject(deps.db, userId, input.projectId);
  return saveProjectApiTool(deps, userId, input.projectId, apiToolFromEndpoint(input.endpoint));
}

export async function removeProjectApi(deps: ApiToolsDeps, userId: string, input: z.infer<typeof RemoveApiInput>): Promise<ApiTool[]> {
  await getOwnedProject(deps.db, userId, input.projectId);
  const saved = await updateDraft({ dynamo: deps.dynamo, tools: deps.tools }, { projectId: input.projectId, ownerId: userId }, (current) => {
    const apis = ((current.draft as { apiTools?: unknown }).apiTools ?? []) as Array<{ name?: unknown }>;
    if (!Array.isArray(apis) || !apis.some((a) => a.name === input.name)) throw new DomainError("not_found", `API '${input.name}' is not in this project`);
    const rest = apis.filter((a) => a.name !== input.name);
    const { apiTools: _drop, ...draft } = current.draft as typeof current.draft & { apiTools?: unknown };
    return { draft: (rest.length > 0 ? { ...draft, apiTools: rest } : draft) as typeof current.draft };
  });
  return ApiToolsSection.parse((saved.draft as { apiTools?: unknown }).apiTools ?? []);
}

import { and, asc, eq, notInArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { parseJsonColumn } from "../db/json-column";
import { modelSelections, projects, toolSelections } from "../db/schema";

/** model_selections and tool_selections: when the user picked a project's model and tools. */

type ConfigValue = string | number | boolean;
export type ModelSelectionRow = { modelId: string; selectedAt: Date };
export type ToolSelectionRow = { toolId: string; config: Record<string, ConfigValue>; selectedAt: Date };

const StoredConfig = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

export async function readSelectionRows(db: Db, projectId: string): Promise<{ model: ModelSelectionRow | null; tools: ToolSelectionRow[] }> {
  const [[model], tools] = await Promise.all([
    db.select().from(modelSelections).where(eq(modelSelections.projectId, projectId)).limit(1),
    db.select().from(toolSelections).where(eq(toolSelections.projectId, projectId)).orderBy(asc(toolSelections.selectedAt), asc(toolSelections.toolId)),
  ]);
  return { model: model ? { modelId: model.modelId, selectedAt: model.selectedAt } : null, tools: tools.map((t) => ({ toolId: t.toolId, config: parseJsonColumn(StoredConfig, t.config, { table: "tool_selections", column: "config", rowId: `${projectId}/${t.toolId}` }), selectedAt: t.selectedAt })),
  };
}

/**
 * Stores the model choice and marks the project changed, in one transaction that also runs
 * `alongside` (the draft mirror): if it throws, the rows roll back too.
 */
export async function saveModelSelection(db: Db, projectId: string, modelId: string, alongside: () => Promise<unknown>): Promise<void> {
  await db.transaction(async (tx) => {
    const now = new Date();
    await tx
      .insert(modelSelections)
      .values({ projectId, modelId, selectedAt: now })
      .onConflictDoUpdate({ target: modelSelections.projectId, set: { modelId, selectedAt: now } });
    await tx.update(projects).set({ updatedAt: now }).where(eq(projects.id, projectId));
    await alongside();
  });
}

/**
 * Replaces the tool choice (unchanged tools keep their selectedAt, so the order of selection
 * survives a save) and marks the project changed, in one transaction with `alongside`.
 */
export async function saveToolSelection(db: Db, projectId: string, tools: { id: string; config: Record<string, ConfigValue> }[], alongside: () => Promise<unknown>): Promise<void> {
  const ids = tools.map((t) => t.id);
  await db.transaction(async (tx) => {
    const now = new Date();
    const stale = eq(toolSelections.projectId, projectId);
    await tx.delete(toolSelections).where(ids.length > 0 ? and(stale, notInArray(toolSelections.toolId, ids)) : stale);
    for (const choice of tools) {
      await tx
        .insert(toolSelections)
        .values({ projectId, toolId: choice.id, config: choice.config, selectedAt: now })
        .onConflictDoUpdate({ target: [toolSelections.projectId, toolSelections.toolId], set: { config: choice.config } });
    }
    await tx.update(projects).set({ updatedAt: now }).where(eq(projects.id, projectId));
    await alongside();
  });
}

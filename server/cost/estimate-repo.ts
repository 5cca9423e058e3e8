import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { parseJsonColumn } from "../db/json-column";
import { costEstimates } from "../db/schema";
import { createId } from "../ids";
import type { SpecSource } from "./project-spec";
import type { CostUsage } from "./inputs";
import type { CostEstimate } from "./types";

/** What an estimate was computed from, stored in cost_estimates.inputs. */
export type StoredEstimateInputs = {
  specSource: SpecSource;
  modelId: string;
  target: string;
  spec: unknown;
  usage: CostUsage;
  overridden: string[];
  /** The version the estimate priced, when the pipeline stored it. */
  versionId?: string;
};

/** One row of cost.history: enough for a list, not the whole breakdown. */
export type EstimateSummary = {
  id: string;
  createdAt: Date;
  total: number;
  totalExcludesUnknown: boolean;
  usageSource: "estimated" | "measured";
  modelId: string;
  target: string;
  requestsPerMonth: number;
};

/**
 * What cost.history reads of a stored estimate. Loose and mostly optional: rows written by
 * older pipeline versions lack the model and target, and read as "" then.
 */
const StoredInputs = z.looseObject({ modelId: z.string().optional(), target: z.string().optional(), usage: z.looseObject({ requestsPerMonth: z.number() }).optional() });
const StoredBreakdown = z.looseObject({ totalExcludesUnknown: z.boolean().optional(), usageSource: z.enum(["estimated", "measured"]).optional() });

/**
 * Stores one estimate (inputs, the whole estimate as its breakdown, the total at the
 * column's precision); every writer (Cost tab, CLI, pipeline) stores this one shape.
 * With a given `id` a second insert is a no-op (a redelivered job writes nothing new).
 */
export async function insertEstimate(
  db: Db,
  projectId: string,
  inputs: StoredEstimateInputs,
  estimate: CostEstimate,
  id: string = createId("estimate"),
): Promise<{ id: string; createdAt: Date }> {
  const [row] = await db
    .insert(costEstimates)
    .values({ id, projectId, inputs, breakdown: estimate, totalUsd: estimate.total.toFixed(4) })
    .onConflictDoNothing()
    .returning({ id: costEstimates.id, createdAt: costEstimates.createdAt });
  return row ?? { id, createdAt: new Date() };
}

/** The project's latest estimates, newest first (ids are monotonic ULIDs: a tie-break within one millisecond). */
export async function listEstimates(db: Db, projectId: string, limit: number): Promise<EstimateSummary[]> {
  const rows = await db
    .select()
    .from(costEstimates)
    .where(eq(costEstimates.projectId, projectId))
    .orderBy(desc(costEstimates.createdAt), desc(costEstimates.id))
    .limit(limit);
  return rows.map((r) => {
    const inputs = parseJsonColumn(StoredInputs, r.inputs, { table: "cost_estimates", column: "inputs", rowId: r.id });
    const breakdown = parseJsonColumn(StoredBreakdown, r.breakdown, { table: "cost_estimates", column: "breakdown", rowId: r.id });
    return {
      id: r.id,
      createdAt: r.createdAt,
      total: Number(r.totalUsd),
      totalExcludesUnknown: breakdown.totalExcludesUnknown ?? false,
      usageSource: breakdown.usageSource ?? "estimated",
      modelId: inputs.modelId ?? "",
      target: inputs.target ?? "",
      requestsPerMonth: inputs.usage?.requestsPerMonth ?? 0,
    };
  });
}

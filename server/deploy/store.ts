import { and, desc, eq, inArray } from "drizzle-orm";
import { deployments, users } from "../db/schema";
import type { Db } from "../db/client";
import { isUniqueViolation } from "../db/errors";
import { DomainError, notFound } from "../errors";
import { createId } from "../ids";
import { z } from "zod";
import { parseJsonColumn } from "../db/json-column";
import { ACTIVE_STATES, isTerminal, TERMINAL_STATES, type DeployState, type DeploymentKind } from "./machine";

export type Deployment = typeof deployments.$inferSelect & { status: DeployState; kind: DeploymentKind };

/** The columns this code reads as more than text: parsed at the storage edge, never cast. */
const StoredColumns = {
  status: z.enum([...ACTIVE_STATES, ...TERMINAL_STATES]),
  kind: z.enum(["deploy", "rollback", "destroy"]),
  parameters: z.record(z.string(), z.string()).nullable(),
  changes: z.array(z.unknown()).nullable(),
  outputs: z.record(z.string(), z.string()).nullable(),
  retained: z.array(z.unknown()).nullable(),
};

function toDeployment(row: typeof deployments.$inferSelect): Deployment {
  const at = (column: string) => ({ table: "deployments", column, rowId: row.id });
  return {
    ...row,
    status: parseJsonColumn(StoredColumns.status, row.status, at("status")),
    kind: parseJsonColumn(StoredColumns.kind, row.kind, at("kind")),
    parameters: parseJsonColumn(StoredColumns.parameters, row.parameters, at("parameters")),
    changes: parseJsonColumn(StoredColumns.changes, row.changes, at("changes")),
    outputs: parseJsonColumn(StoredColumns.outputs, row.outputs, at("outputs")),
    retained: parseJsonColumn(StoredColumns.retained, row.retained, at("retained")),
  };
}
export type DeploymentPatch = Partial<Omit<typeof deployments.$inferInsert, "id" | "projectId" | "status">>;


/** Inserts a pending deployment; a second unfinished one for the same project environment is refused by the unique index (CONFLICT). */
export async function insertDeployment(db: Db, values: Omit<typeof deployments.$inferInsert, "id" | "status">): Promise<Deployment> {
  try {
    const [row] = await db.insert(deployments).values({ id: createId("deployment"), status: "pending", ...values }).returning();
    return toDeployment(row!);
  } catch (e) {
    if (isUniqueViolation(e, "deployments_one_active_uq")) throw new DomainError("conflict", `A deployment of ${values.environment} is already in progress for this project: wait for it, or approve/reject its change set`, { environment: values.environment });
    throw e;
  }
}

/** Moves a deployment from `from` to `to` only if it is still in `from` (conditional write); false when someone else moved it. */
export async function moveDeployment(db: Db, id: string, from: DeployState, to: DeployState, patch: DeploymentPatch = {}): Promise<Deployment | null> {
  const now = new Date();
  const [row] = await db
    .update(deployments)
    .set({ ...patch, status: to, updatedAt: now, ...(isTerminal(to) ? { finishedAt: now } : {}) })
    .where(and(eq(deployments.id, id), eq(deployments.status, from)))
    .returning();
  return row ? toDeployment(row) : null;
}

export async function patchDeployment(db: Db, id: string, patch: DeploymentPatch): Promise<void> {
  await db.update(deployments).set({ ...patch, updatedAt: new Date() }).where(eq(deployments.id, id));
}

export async function getDeployment(db: Db, id: string): Promise<Deployment | null> {
  const [row] = await db.select().from(deployments).where(eq(deployments.id, id)).limit(1);
  return row ? toDeployment(row) : null;
}

/** A deployment of a project the caller owns (checked by the caller); another project's → NOT_FOUND. */
export async function getProjectDeployment(db: Db, projectId: string, id: string): Promise<Deployment> {
  const [row] = await db.select().from(deployments).where(and(eq(deployments.id, id), eq(deployments.projectId, projectId))).limit(1);
  if (!row) throw notFound("Deployment", id);
  return toDeployment(row);
}

export async function listDeployments(db: Db, projectId: string, limit = 50): Promise<{ d: Deployment; who: string | null }[]> {
  const rows = await db
    .select({ d: deployments, who: users.email })
    .from(deployments)
    .leftJoin(users, eq(users.id, deployments.userId))
    .where(eq(deployments.projectId, projectId))
    .orderBy(desc(deployments.createdAt), desc(deployments.id))
    .limit(limit);
  return rows.map(({ d, who }) => ({ d: toDeployment(d), who }));
}

/** Unfinished deployments (the sweeper resumes watching them after a restart). */
export async function listActiveDeployments(db: Db): Promise<Deployment[]> {
  return (await db.select().from(deployments).where(inArray(deployments.status, [...ACTIVE_STATES]))).map(toDeployment);
}

/** The environment's latest successful deploys and rollbacks, newest first (rollback picks an earlier version among them). */
export async function listLastGoodDeployments(db: Db, projectId: string, environment: string, limit = 10): Promise<Deployment[]> {
  const rows = await db
    .select()
    .from(deployments)
    .where(and(eq(deployments.projectId, projectId), eq(deployments.environment, environment), eq(deployments.status, "succeeded"), inArray(deployments.kind, ["deploy", "rollback"])))
    .orderBy(desc(deployments.createdAt), desc(deployments.id))
    .limit(limit);
  return rows.map(toDeployment);
}

/** The environment's newest deployment, in any state or only in `status`. */
export async function findLatestDeployment(db: Db, projectId: string, environment: string, status?: DeployState): Promise<Deployment | null> {
  const [row] = await db
    .select()
    .from(deployments)
    .where(and(eq(deployments.projectId, projectId), eq(deployments.environment, environment), ...(status ? [eq(deployments.status, status)] : [])))
    .orderBy(desc(deployments.createdAt))
    .limit(1);
  return row ? toDeployment(row) : null;
}

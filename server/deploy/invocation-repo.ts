import { desc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { deploymentInvocations } from "../db/schema";

/** deployment_invocations: calls to a deployed agent, with latency and tokens (Cost calibrates from them). */

export type Invocation = typeof deploymentInvocations.$inferSelect;
export type NewInvocation = Omit<typeof deploymentInvocations.$inferInsert, "createdAt">;

export async function insertInvocation(db: Db, row: NewInvocation): Promise<void> {
  await db.insert(deploymentInvocations).values(row);
}

/** The project's latest 50 invocations, newest first. */
export async function listInvocationsOf(db: Db, projectId: string): Promise<Invocation[]> {
  return db.select().from(deploymentInvocations).where(eq(deploymentInvocations.projectId, projectId)).orderBy(desc(deploymentInvocations.createdAt)).limit(50);
}

import { and, count, desc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { projects, users } from "../db/schema";
import { createId } from "../ids";

/** projects: one row per project, owned by one user. */

export type Project = { id: string; ownerId: string; name: string; description: string; createdAt: Date; updatedAt: Date };

/**
 * Inserts a project unless the owner already has `quota` of them; null when over quota.
 * The owner's row is locked for the count and the insert, so concurrent creates (a batch
 * of 500) cannot overshoot it.
 */
export async function insertProjectWithinQuota(db: Db, ownerId: string, values: { name: string; description: string }, quota: number): Promise<Project | null> {
  return db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, ownerId)).for("update");
    const [owned] = await tx.select({ n: count() }).from(projects).where(eq(projects.ownerId, ownerId));
    if ((owned?.n ?? 0) >= quota) return null;
    const [row] = await tx.insert(projects).values({ id: createId("project"), ownerId, ...values }).returning();
    return row!;
  });
}

/** The owner's projects, most recently changed first. */
export async function listProjectsOf(db: Db, ownerId: string): Promise<Project[]> {
  return db.select().from(projects).where(eq(projects.ownerId, ownerId)).orderBy(desc(projects.updatedAt), desc(projects.id));
}

/** The project if `ownerId` owns it; null for a missing one and another user's alike. */
export async function findOwnedProject(db: Db, ownerId: string, id: string): Promise<Project | null> {
  const [row] = await db.select().from(projects).where(and(eq(projects.id, id), eq(projects.ownerId, ownerId))).limit(1);
  return row ?? null;
}

export async function updateProjectName(db: Db, ownerId: string, id: string, name: string): Promise<Project | null> {
  const [row] = await db
    .update(projects)
    .set({ name, updatedAt: new Date() })
    .where(and(eq(projects.id, id), eq(projects.ownerId, ownerId)))
    .returning();
  return row ?? null;
}

/** Deletes an owned project (its rows in other tables go by cascade); false when there was none. */
export async function deleteOwnedProject(db: Db, ownerId: string, id: string): Promise<boolean> {
  const rows = await db.delete(projects).where(and(eq(projects.id, id), eq(projects.ownerId, ownerId))).returning({ id: projects.id });
  return rows.length > 0;
}

/** Marks a project as changed so the dashboard sorts it first. */
export async function touchProject(db: Db, id: string, at: Date = new Date()): Promise<void> {
  await db.update(projects).set({ updatedAt: at }).where(eq(projects.id, id));
}

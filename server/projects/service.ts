import { and, count, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { projects, users } from "../db/schema";
import { env } from "../env";
import { DomainError, notFound } from "../errors";
import { createId } from "../ids";

export const ProjectId = z.string().regex(/^prj_[0-9a-z]{26}$/, "is not a project id");
export const ProjectName = z.string().trim().min(1, "is required").max(100, "must be at most 100 characters");
export const CreateProjectInput = z.object({ name: ProjectName, description: z.string().trim().max(2000).default("") });
export const RenameProjectInput = z.object({ id: ProjectId, name: ProjectName });
export const ProjectRef = z.object({ id: ProjectId });

export type Project = { id: string; ownerId: string; name: string; description: string; createdAt: Date; updatedAt: Date };

/**
 * Creates a project within the owner's quota (PROJECTS_PER_USER). The owner's row is locked
 * for the count and the insert, so concurrent creates (a batch of 500) cannot overshoot it.
 */
export async function createProject(db: Db, ownerId: string, input: z.infer<typeof CreateProjectInput>): Promise<Project> {
  const quota = env().PROJECTS_PER_USER;
  return db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, ownerId)).for("update");
    const [owned] = await tx.select({ n: count() }).from(projects).where(eq(projects.ownerId, ownerId));
    if ((owned?.n ?? 0) >= quota) {
      throw new DomainError("forbidden", `Project limit reached: an account may have at most ${quota} projects. Delete one to create another.`, { quota });
    }
    const [row] = await tx.insert(projects).values({ id: createId("project"), ownerId, ...input }).returning();
    return row!;
  });
}

export async function listProjects(db: Db, ownerId: string): Promise<Project[]> {
  return db.select().from(projects).where(eq(projects.ownerId, ownerId)).orderBy(desc(projects.updatedAt), desc(projects.id));
}

/**
 * The one ownership check: another user's project and a missing one are the same
 * NOT_FOUND, so ids never leak whether they exist.
 */
export async function getOwnedProject(db: Db, ownerId: string, id: string): Promise<Project> {
  const [row] = await db.select().from(projects).where(and(eq(projects.id, id), eq(projects.ownerId, ownerId))).limit(1);
  if (!row) throw notFound("Project", id);
  return row;
}

export async function renameProject(db: Db, ownerId: string, input: z.infer<typeof RenameProjectInput>): Promise<Project> {
  const [row] = await db
    .update(projects)
    .set({ name: input.name, updatedAt: new Date() })
    .where(and(eq(projects.id, input.id), eq(projects.ownerId, ownerId)))
    .returning();
  if (!row) throw notFound("Project", input.id);
  return row;
}

export async function deleteProject(db: Db, ownerId: string, id: string): Promise<void> {
  const rows = await db.delete(projects).where(and(eq(projects.id, id), eq(projects.ownerId, ownerId))).returning({ id: projects.id });
  if (rows.length === 0) throw notFound("Project", id);
}

/** Marks a project as changed so the dashboard sorts it first. */
export async function touchProject(db: Db, id: string): Promise<void> {
  await db.update(projects).set({ updatedAt: new Date() }).where(eq(projects.id, id));
}

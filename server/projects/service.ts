import { z } from "zod";
import type { Db } from "../db/client";
import { env } from "../env";
import { DomainError, notFound } from "../errors";
import { deleteOwnedProject, findOwnedProject, insertProjectWithinQuota, listProjectsOf, updateProjectName, type Project } from "./project-repo";

export const ProjectId = z.string().regex(/^prj_[0-9a-z]{26}$/, "is not a project id");
export const ProjectName = z.string().trim().min(1, "is required").max(100, "must be at most 100 characters");
export const CreateProjectInput = z.object({ name: ProjectName, description: z.string().trim().max(2000).default("") });
export const RenameProjectInput = z.object({ id: ProjectId, name: ProjectName });
export const ProjectRef = z.object({ id: ProjectId });

export type { Project };
export { touchProject } from "./project-repo";

/**
 * Creates a project within the owner's quota (PROJECTS_PER_USER). The owner's row is locked
 * for the count and the insert, so concurrent creates (a batch of 500) cannot overshoot it.
 */
export async function createProject(db: Db, ownerId: string, input: z.infer<typeof CreateProjectInput>): Promise<Project> {
  const quota = env().PROJECTS_PER_USER;
  const created = await insertProjectWithinQuota(db, ownerId, input, quota);
  if (!created) throw new DomainError("forbidden", `Project limit reached: an account may have at most ${quota} projects. Delete one to create another.`, { quota });
  return created;
}

export async function listProjects(db: Db, ownerId: string): Promise<Project[]> {
  return listProjectsOf(db, ownerId);
}

/**
 * The one ownership check: another user's project and a missing one are the same
 * NOT_FOUND, so ids never leak whether they exist.
 */
export async function getOwnedProject(db: Db, ownerId: string, id: string): Promise<Project> {
  const row = await findOwnedProject(db, ownerId, id);
  if (!row) throw notFound("Project", id);
  return row;
}

export async function renameProject(db: Db, ownerId: string, input: z.infer<typeof RenameProjectInput>): Promise<Project> {
  const row = await updateProjectName(db, ownerId, input.id, input.name);
  if (!row) throw notFound("Project", input.id);
  return row;
}

export async function deleteProject(db: Db, ownerId: string, id: string): Promise<void> {
  if (!(await deleteOwnedProject(db, ownerId, id))) throw notFound("Project", id);
}

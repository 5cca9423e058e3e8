import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { testCases } from "../../db/schema";
import { parseJsonColumn } from "../../db/json-column";
import { notFound } from "../../errors";
import { Expectations } from "../evaluation";

/** A project's saved test cases: an input and what the answer must satisfy. */
export type TestCase = { id: string; projectId: string; name: string; input: string; expectations: Expectations; createdAt: Date };

/** Stored expectations were validated on the way in; a row that no longer parses fails loudly by id. */
function toCase(row: typeof testCases.$inferSelect): TestCase {
  return { ...row, expectations: parseJsonColumn(Expectations, row.expectations, { table: "test_cases", column: "expectations", rowId: row.id }) };
}

export async function insertCase(db: Db, row: Omit<TestCase, "createdAt">): Promise<TestCase> {
  const [created] = await db.insert(testCases).values(row).returning();
  return toCase(created!);
}

/** Several cases in one statement: all are saved or none. */
export async function insertCases(db: Db, rows: Array<Omit<TestCase, "createdAt">>): Promise<TestCase[]> {
  const created = await db.insert(testCases).values(rows).returning();
  return created.map(toCase);
}

export async function listCases(db: Db, projectId: string): Promise<TestCase[]> {
  const rows = await db.select().from(testCases).where(eq(testCases.projectId, projectId)).orderBy(asc(testCases.createdAt), asc(testCases.id));
  return rows.map(toCase);
}

export async function getCase(db: Db, projectId: string, id: string): Promise<TestCase> {
  const [row] = await db.select().from(testCases).where(and(eq(testCases.id, id), eq(testCases.projectId, projectId))).limit(1);
  if (!row) throw notFound("Test case", id);
  return toCase(row);
}

export async function deleteCase(db: Db, projectId: string, id: string): Promise<void> {
  const rows = await db.delete(testCases).where(and(eq(testCases.id, id), eq(testCases.projectId, projectId))).returning({ id: testCases.id });
  if (rows.length === 0) throw notFound("Test case", id);
}

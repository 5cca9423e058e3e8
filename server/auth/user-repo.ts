import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { users } from "../db/schema";

/** users: accounts (credentials, and the session version that signs every session out). */

export type UserRow = { id: string; email: string; name: string | null; passwordHash: string | null };

/** Inserts an account; null when the email is taken (the unique index decides, so two sign-ups cannot both win). */
export async function insertUserIfNew(db: Db, values: { email: string; name: string | null; passwordHash: string }): Promise<{ id: string; email: string; name: string | null } | null> {
  const [row] = await db
    .insert(users)
    .values(values)
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id, email: users.email, name: users.name });
  return row ?? null;
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | null> {
  const [row] = await db.select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash }).from(users).where(eq(users.email, email)).limit(1);
  return row ?? null;
}

/** Deletes an account and, by cascade, everything it owns. */
export async function deleteUser(db: Db, id: string): Promise<void> {
  await db.delete(users).where(eq(users.id, id));
}

/** The user's session version, or null for an unknown user (one primary-key read). */
export async function readSessionVersion(db: Db, userId: string): Promise<number | null> {
  const [row] = await db.select({ v: users.sessionVersion }).from(users).where(eq(users.id, userId)).limit(1);
  return row ? row.v : null;
}

export async function incrementSessionVersion(db: Db, userId: string): Promise<void> {
  await db.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, userId));
}

import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { awsConnections } from "../db/schema";
import { createId } from "../ids";

/** aws_connections: at most one per user (a unique index on user_id), never any keys. */

export type Connection = { id: string; mode: "role" | "default-chain"; roleArn: string | null; externalId: string; region: string; verifiedAt: Date | null };
type ConnectionValues = { mode: Connection["mode"]; roleArn?: string | null; externalId: string; region: string; verifiedAt?: Date };

function toConnection(r: typeof awsConnections.$inferSelect): Connection {
  return { id: r.id, mode: r.mode as Connection["mode"], roleArn: r.roleArn, externalId: r.externalId, region: r.region, verifiedAt: r.verifiedAt };
}

export async function findConnectionOf(db: Db, userId: string): Promise<Connection | null> {
  const [row] = await db.select().from(awsConnections).where(eq(awsConnections.userId, userId)).limit(1);
  return row ? toConnection(row) : null;
}

/** Inserts the user's connection with `values`, or sets `update` on the existing one. */
export async function upsertConnection(db: Db, userId: string, values: ConnectionValues, update: Partial<ConnectionValues> = values): Promise<Connection> {
  const [row] = await db
    .insert(awsConnections)
    .values({ id: createId("connection"), userId, ...values })
    .onConflictDoUpdate({ target: awsConnections.userId, set: update })
    .returning();
  return toConnection(row!);
}

export async function deleteConnectionOf(db: Db, userId: string): Promise<void> {
  await db.delete(awsConnections).where(eq(awsConnections.userId, userId));
}

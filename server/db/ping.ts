import { sql } from "drizzle-orm";
import type { Db } from "./client";

/** One round trip to Postgres: resolves when the database answers. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}

import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import path from "node:path";
import * as schema from "./schema";

/** Query code is typed against PgDatabase so it runs unchanged on PGlite and Neon. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbHandle = { db: Db; close: () => Promise<void> };

export const MIGRATIONS_DIR = path.join(process.cwd(), "drizzle");

/**
 * Postgres's default 128 MB of shared buffers is filled at every start: in PGlite's
 * WebAssembly that was ~0.6 s of the ~0.8 s the server itself takes to start (CPU profile of a
 * restart, bench/README.md). 32 MB holds the whole local database many times over.
 */
const PGLITE_SHARED_BUFFERS = "32MB";

/** Embedded Postgres (PGlite). `dataDir` persists; undefined keeps it in memory. Migrates before returning. */
export async function openPglite(dataDir?: string): Promise<DbHandle & { client: import("@electric-sql/pglite").PGlite }> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const startParams = [...PGlite.defaultStartParams, "-c", `shared_buffers=${PGLITE_SHARED_BUFFERS}`];
  const client = new PGlite(dataDir, { startParams });
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  return { db: db as unknown as Db, client, close: () => client.close() };
}

/** Neon serverless Postgres (aws mode). Migrations run at deploy time, not per cold start. */
export async function openNeon(connectionString: string): Promise<DbHandle> {
  const { Pool, neonConfig } = await import("@neondatabase/serverless");
  const { drizzle } = await import("drizzle-orm/neon-serverless");
  const { default: WebSocket } = await import("ws");
  neonConfig.webSocketConstructor = WebSocket;
  const pool = new Pool({ connectionString });
  const db = drizzle(pool, { schema });
  return { db: db as unknown as Db, close: () => pool.end() };
}

export async function migrateNeon(connectionString: string): Promise<void> {
  const handle = await openNeon(connectionString);
  const { migrate } = await import("drizzle-orm/neon-serverless/migrator");
  await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_DIR });
  await handle.close();
}

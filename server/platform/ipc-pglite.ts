import type { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import type { Db } from "../db/client";
import * as schema from "../db/schema";
import { ipcClient, ipcServe, type IpcEndpoint } from "./ipc";
import { DRIZZLE_PARSERS, type QueryArgs } from "./pglite-wire";

/**
 * PGlite runs in one process (the launcher's web process: it is single-user WASM Postgres
 * and cannot be opened twice). The worker process reaches it through this: a stand-in
 * client with PGlite's `query` signature, handed to the same drizzle PGlite driver, whose
 * queries run in the owner process. Results are what PGlite itself returns, so drizzle maps
 * them exactly as in-process. Transactions do not cross processes; no worker code uses one.
 */
/** Owner side: answers the worker's queries on `pg`. Returns a function that stops serving. */
export function servePglite(endpoint: IpcEndpoint, pg: PGlite): () => void {
  return ipcServe(endpoint, {
    "pg.query": async ({ sql, params, rowMode }: QueryArgs) => {
      const result = await pg.query(sql, params, { rowMode, parsers: DRIZZLE_PARSERS });
      return { rows: result.rows, fields: result.fields, affectedRows: result.affectedRows };
    },
  });
}

/** Worker side: a drizzle database whose queries run in the process that owns PGlite. */
export function remotePgliteDb(endpoint: IpcEndpoint): { db: Db; failPending: (reason: string) => void } {
  const client = ipcClient(endpoint);
  const remote = {
    query: (sql: string, params: unknown[] = [], options: { rowMode?: "array" | "object" } = {}) =>
      client.call("pg.query", { sql, params, rowMode: options.rowMode ?? "object" } satisfies QueryArgs),
    transaction: () => Promise.reject(new Error("transactions do not cross processes (server/platform/ipc-pglite.ts)")),
  };
  const db = drizzle({ client: remote as unknown as PGlite, schema });
  return { db: db as unknown as Db, failPending: client.failPending };
}

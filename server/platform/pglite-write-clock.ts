import type { PGlite, Transaction } from "@electric-sql/pglite";
import type { ChangeClock } from "./types";

/**
 * A clock that advances on every statement that may write to the watched tables of one PGlite
 * instance. Locally the web process owns PGlite and every query — its own and the worker
 * process's, which arrive over IPC (ipc-pglite.ts) — runs on this one instance, so a cache
 * keyed by the clock's reading is exact: a reading taken after a write returned differs from
 * every reading taken before the write started.
 *
 * The clock ticks when a write is sent and again when it settles (for a transaction: when the
 * whole transaction settles, i.e. after COMMIT or ROLLBACK), so a read that overlapped a write
 * in any way sees two different readings (list-cache.ts stores only when both match).
 */
export function watchWrites(pg: PGlite, touches: (sql: string) => boolean): ChangeClock {
  let tick = 0;
  const writes = (sql: string) => !isPlainSelect(sql) && touches(sql);

  const query = pg.query.bind(pg);
  const exec = pg.exec.bind(pg);
  const transaction = pg.transaction.bind(pg);
  const watched = <T>(write: boolean, run: () => Promise<T>): Promise<T> => {
    if (!write) return run();
    tick++;
    return run().finally(() => tick++);
  };

  pg.query = ((sql: string, ...rest: unknown[]) => watched(writes(sql), () => (query as (...a: unknown[]) => Promise<unknown>)(sql, ...rest))) as PGlite["query"];
  // exec runs scripts (migrations): always counted as a write.
  pg.exec = ((sql: string, ...rest: unknown[]) => watched(true, () => (exec as (...a: unknown[]) => Promise<unknown>)(sql, ...rest))) as PGlite["exec"];
  pg.transaction = (<T>(callback: (tx: Transaction) => Promise<T>) => {
    let wrote = false;
    const run = () =>
      transaction((tx) => {
        const seen = (sql: string) => {
          if (writes(sql)) {
            wrote = true;
            tick++;
          }
        };
        const watchedTx = Object.create(tx) as Transaction;
        watchedTx.query = ((sql: string, ...rest: unknown[]) => (seen(sql), (tx.query as (...a: unknown[]) => Promise<unknown>)(sql, ...rest))) as Transaction["query"];
        watchedTx.exec = ((sql: string, ...rest: unknown[]) => ((wrote = true), tick++, (tx.exec as (...a: unknown[]) => Promise<unknown>)(sql, ...rest))) as Transaction["exec"];
        return callback(watchedTx);
      });
    return run().finally(() => {
      if (wrote) tick++;
    });
  }) as PGlite["transaction"];

  return { now: () => tick };
}

/** A statement that only reads (a CTE starting with WITH may write, so it counts as a write). */
function isPlainSelect(sql: string): boolean {
  return /^\s*select\b/i.test(sql);
}

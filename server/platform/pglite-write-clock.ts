import type { PGlite, Transaction } from "@electric-sql/pglite";
import type { ChangeClock } from "./types";

/**
 * Clocks, one per name, that each advance on every statement that may write to the tables
 * its predicate names, of one PGlite instance; one wrapper of the instance serves them all.
 * Locally the web process owns PGlite and every query — its own and the worker process's,
 * which arrive over IPC (ipc-pglite.ts) — runs on this one instance, so a cache keyed by a
 * clock's reading is exact (clock-cache.ts): a reading taken after a write returned differs
 * from every reading taken before the write started.
 *
 * A clock ticks when a write is sent and again when it settles (for a transaction: when the
 * whole transaction settles, i.e. after COMMIT or ROLLBACK), so a read that overlapped a write
 * in any way sees two different readings (clock-cache.ts stores only when both match).
 */
export function watchWrites<Name extends string>(pg: PGlite, touches: Record<Name, (sql: string) => boolean>): Record<Name, ChangeClock> {
  const names = Object.keys(touches) as Name[];
  const ticks = new Map<Name, number>(names.map((n) => [n, 0]));
  const tick = (written: Iterable<Name>) => {
    for (const n of written) ticks.set(n, ticks.get(n)! + 1);
  };
  const writes = (sql: string): Name[] => (isPlainSelect(sql) ? [] : names.filter((n) => touches[n](sql)));

  const query = pg.query.bind(pg);
  const exec = pg.exec.bind(pg);
  const transaction = pg.transaction.bind(pg);
  const watched = <T>(written: Name[], run: () => Promise<T>): Promise<T> => {
    if (written.length === 0) return run();
    tick(written);
    return run().finally(() => tick(written));
  };

  pg.query = ((sql: string, ...rest: unknown[]) => watched(writes(sql), () => (query as (...a: unknown[]) => Promise<unknown>)(sql, ...rest))) as PGlite["query"];
  // exec runs scripts (migrations): always counted as a write, on every clock.
  pg.exec = ((sql: string, ...rest: unknown[]) => watched(names, () => (exec as (...a: unknown[]) => Promise<unknown>)(sql, ...rest))) as PGlite["exec"];
  pg.transaction = (<T>(callback: (tx: Transaction) => Promise<T>) => {
    const wrote = new Set<Name>();
    const seen = (written: Name[]) => {
      tick(written);
      for (const n of written) wrote.add(n);
    };
    const run = () =>
      transaction((tx) => {
        const watchedTx = Object.create(tx) as Transaction;
        watchedTx.query = ((sql: string, ...rest: unknown[]) => (seen(writes(sql)), (tx.query as (...a: unknown[]) => Promise<unknown>)(sql, ...rest))) as Transaction["query"];
        watchedTx.exec = ((sql: string, ...rest: unknown[]) => (seen(names), (tx.exec as (...a: unknown[]) => Promise<unknown>)(sql, ...rest))) as Transaction["exec"];
        return callback(watchedTx);
      });
    return run().finally(() => tick(wrote));
  }) as PGlite["transaction"];

  return Object.fromEntries(names.map((n) => [n, { now: () => ticks.get(n)! }])) as Record<Name, ChangeClock>;
}

/** A statement that only reads (a CTE starting with WITH may write, so it counts as a write). */
function isPlainSelect(sql: string): boolean {
  return /^\s*select\b/i.test(sql);
}

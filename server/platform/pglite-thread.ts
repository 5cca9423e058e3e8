/**
 * PGlite on its own thread (started by pglite-thread-client.ts for the local launcher). Its
 * WebAssembly Postgres opens and migrates here — seconds of CPU — while Next.js loads on the
 * web thread; afterwards every statement of the web process (and, through it, of the worker
 * process) runs here. Interactive transactions are held open here by id until the web side
 * ends them, so PGlite's own transaction lock still orders them against other statements.
 */
import type { PGlite, Transaction } from "@electric-sql/pglite";
import { parentPort, workerData } from "node:worker_threads";
import { z } from "zod";
import { openPglite } from "../db/client";
import { ipcServe, type IpcEndpoint } from "./ipc";
import { DRIZZLE_PARSERS, type QueryArgs } from "./pglite-wire";

const Data = z.object({ dataDir: z.string().min(1).nullable() });

type OpenTransaction = { tx: Transaction; end: (commit: boolean) => void; done: Promise<unknown> };

function serve(port: IpcEndpoint, pg: PGlite): void {
  const open = new Map<number, OpenTransaction>();
  let nextTx = 1;
  const txOf = (id: number) => {
    const t = open.get(id);
    if (!t) throw new Error(`transaction ${id} is not open`);
    return t;
  };
  ipcServe(port, {
    "pg.query": async ({ sql, params, rowMode }: QueryArgs) => pick(await pg.query(sql, params, { rowMode, parsers: DRIZZLE_PARSERS })),
    "pg.exec": async ({ sql }: { sql: string }) => (await pg.exec(sql)).map(pick),
    "tx.begin": () =>
      new Promise<number>((began, failed) => {
        const id = nextTx++;
        const done = pg.transaction(
          (tx) =>
            new Promise((commit, rollback) => {
              open.set(id, { tx, done, end: (c) => (c ? commit(undefined) : rollback(new Error("rolled back"))) });
              began(id);
            }),
        );
        done.catch(failed).finally(() => open.delete(id));
      }),
    "tx.query": async ({ id, sql, params, rowMode }: QueryArgs & { id: number }) => pick(await txOf(id).tx.query(sql, params, { rowMode, parsers: DRIZZLE_PARSERS })),
    "tx.exec": async ({ id, sql }: { id: number; sql: string }) => (await txOf(id).tx.exec(sql)).map(pick),
    "tx.end": async ({ id, commit }: { id: number; commit: boolean }) => {
      const t = txOf(id);
      t.end(commit);
      await t.done.catch((e: unknown) => {
        if (commit) throw e; // a failed COMMIT is the caller's error; a rollback is what was asked for
      });
    },
    "pg.close": async () => {
      await pg.close();
    },
  });
}

/** Only what crosses the thread boundary: rows, fields and the affected count. */
function pick(r: { rows: unknown[]; fields: unknown[]; affectedRows?: number }) {
  return { rows: r.rows, fields: r.fields, affectedRows: r.affectedRows };
}

async function main() {
  if (!parentPort) throw new Error("pglite-thread.ts runs as a worker thread (pglite-thread-client.ts)");
  const port = parentPort;
  const { dataDir } = Data.parse(workerData);
  const endpoint: IpcEndpoint = { send: (m) => (port.postMessage(m), true), on: (e, l) => port.on(e, l), off: (e, l) => port.off(e, l) };
  try {
    const { client } = await openPglite(dataDir ?? undefined);
    serve(endpoint, client);
    port.postMessage({ ready: true });
  } catch (e) {
    port.postMessage({ ready: false, error: e instanceof Error ? e.message : String(e) });
  }
}

void main();

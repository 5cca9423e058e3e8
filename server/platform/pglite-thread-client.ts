import type { PGlite, Transaction } from "@electric-sql/pglite";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { Db, DbHandle } from "../db/client";
import { ipcClient, type IpcEndpoint } from "./ipc";
import type { QueryArgs } from "./pglite-wire";

type Result = { rows: unknown[]; fields: unknown[]; affectedRows?: number };
type QueryOptions = { rowMode?: "array" | "object" };
type Call = <T>(method: string, args: unknown) => Promise<T>;

/**
 * The launcher's Postgres: PGlite opened on a worker thread (pglite-thread.ts), so its seconds
 * of WebAssembly start-up and migration run beside Next.js loading instead of on the web
 * thread. `client` has the part of PGlite's interface that drizzle's PGlite driver, the write
 * clock (pglite-write-clock.ts) and the worker process's server (ipc-pglite.ts) use: query,
 * exec, transaction, close. Every statement is sent to the thread; drizzle's value parsers
 * are applied there (pglite-wire.ts), so results are what drizzle gets in-process.
 * The thread starts before drizzle and the schema load here (~0.4–0.7 s of module loading on
 * a busy machine), so nothing delays its start.
 */
export async function openPgliteThread(dataDir: string | undefined): Promise<DbHandle & { client: PGlite }> {
  // The launcher runs under tsx; a worker thread does not inherit its loader (`--import tsx`
  // in a thread's execArgv is ignored on Node 20), so the thread registers tsx's require hook itself.
  const entry = path.join(__dirname, "pglite-thread.ts");
  const boot = `require("tsx/cjs/api").require(${JSON.stringify(entry)}, ${JSON.stringify(__filename)});`;
  const worker = new Worker(boot, { eval: true, workerData: { dataDir: dataDir ?? null } });
  // A message to a thread that has exited is dropped silently: refuse it instead, so the call fails rather than hangs.
  let exited = false;
  worker.once("exit", () => (exited = true));
  const endpoint: IpcEndpoint = { send: (m) => !exited && (worker.postMessage(m), true), on: (e, l) => worker.on(e, l), off: (e, l) => worker.off(e, l) };
  const opened = new Promise<void>((resolve, reject) => {
    const onExit = (code: number) => reject(new Error(`the Postgres thread exited with ${code} before it opened`));
    worker.once("error", reject);
    worker.once("exit", onExit);
    worker.on("message", function onReady(m: { ready?: boolean; error?: string }) {
      if (m?.ready === undefined) return;
      worker.off("message", onReady);
      worker.off("exit", onExit);
      if (m.ready) resolve();
      else reject(new Error(`Postgres (PGlite) did not open: ${m.error}`));
    });
  });
  await opened;
  // After the thread has opened: loading these beforehand competed with Next.js starting on this thread.
  const [{ drizzle }, schema] = await Promise.all([import("drizzle-orm/pglite"), import("../db/schema")]);
  const rpc = ipcClient(endpoint);
  worker.once("exit", () => rpc.failPending("the Postgres thread exited"));
  const client = threadClient(rpc.call.bind(rpc) as Call);
  const close = async () => {
    await client.close();
    await worker.terminate();
  };
  const db = drizzle({ client, schema }) as unknown as Db;
  return { db, client, close };
}

/** PGlite's query/exec/transaction/close, each a message to the thread. */
function threadClient(call: Call): PGlite {
  const query = (sql: string, params: unknown[] = [], options: QueryOptions = {}) => call<Result>("pg.query", { sql, params, rowMode: options.rowMode ?? "object" } satisfies QueryArgs);
  const exec = (sql: string) => call<Result[]>("pg.exec", { sql });
  const transaction = async <T>(callback: (tx: Transaction) => Promise<T>): Promise<T> => {
    const id = await call<number>("tx.begin", {});
    let result: T;
    try {
      result = await callback(transactionClient(call, id));
    } catch (e) {
      await call("tx.end", { id, commit: false });
      throw e;
    }
    await call("tx.end", { id, commit: true });
    return result;
  };
  const close = () => call<void>("pg.close", {});
  return { query, exec, transaction, close } as unknown as PGlite;
}

function transactionClient(call: Call, id: number): Transaction {
  // drizzle's tx.rollback() throws, which reaches `transaction` above and rolls back there.
  return {
    query: (sql: string, params: unknown[] = [], options: QueryOptions = {}) => call<Result>("tx.query", { id, sql, params, rowMode: options.rowMode ?? "object" } satisfies QueryArgs & { id: number }),
    exec: (sql: string) => call<Result[]>("tx.exec", { id, sql }),
  } as unknown as Transaction;
}

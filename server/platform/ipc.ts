/**
 * Request/response over a Node IPC channel (a forked child's `process`, or the parent's
 * handle on that child). The local launcher runs the workers in a child process; their
 * database, job and event calls cross this channel. Messages use the "advanced" (structured
 * clone) serialisation, so Uint8Array, bigint and Date survive the trip.
 */
export type IpcEndpoint = {
  send?(message: unknown): boolean;
  on(event: "message", listener: (message: unknown) => void): unknown;
  off(event: "message", listener: (message: unknown) => void): unknown;
  connected?: boolean;
};

type Request = { ipc: "req"; id: number; method: string; args: unknown };
type Reply = { ipc: "res"; id: number; ok: true; value: unknown } | { ipc: "res"; id: number; ok: false; error: SerializedError };
export type SerializedError = { message: string; name?: string; code?: string; detail?: string; constraint?: string; table?: string };

const isRequest = (m: unknown): m is Request => (m as Request)?.ipc === "req";
const isReply = (m: unknown): m is Reply => (m as Reply)?.ipc === "res";

/**
 * Request ids, unique in the process: several clients share one endpoint (the worker process's
 * database and event publisher both talk to its parent) and each sees every reply, so ids
 * numbered per client made one client's reply resolve another's call (a Postgres query
 * answered with an event delivery's `undefined`: "reading 'rows'" under load).
 */
let nextRequestId = 1;

/** Calls `method` on the other side; rejects when the channel is closed or the handler throws. */
export function ipcClient(endpoint: IpcEndpoint) {
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  endpoint.on("message", (m) => {
    if (!isReply(m)) return;
    const waiter = pending.get(m.id);
    if (!waiter) return;
    pending.delete(m.id);
    if (m.ok) waiter.resolve(m.value);
    else waiter.reject(Object.assign(new Error(m.error.message), m.error));
  });
  return {
    call<T>(method: string, args: unknown): Promise<T> {
      const id = nextRequestId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        if (!endpoint.send?.({ ipc: "req", id, method, args } satisfies Request)) {
          pending.delete(id);
          reject(new Error(`IPC channel closed (${method})`));
        }
      });
    },
    /** Fails every call still waiting (the other side went away). */
    failPending(reason: string) {
      for (const w of pending.values()) w.reject(new Error(reason));
      pending.clear();
    },
  };
}

/**
 * Answers the other side's calls with `handlers[method](args)`; returns a function that stops
 * listening. Several servers may share one endpoint: each ignores the methods it does not own.
 */
export function ipcServe(endpoint: IpcEndpoint, handlers: Record<string, (args: never) => Promise<unknown>>): () => void {
  const listener = (m: unknown) => {
    if (!isRequest(m)) return;
    const handler = Object.hasOwn(handlers, m.method) ? handlers[m.method] : undefined;
    if (!handler) return;
    const reply = (r: Reply) => (endpoint.connected === false ? undefined : endpoint.send?.(r));
    handler(m.args as never).then(
      (value) => reply({ ipc: "res", id: m.id, ok: true, value }),
      (e: unknown) => reply({ ipc: "res", id: m.id, ok: false, error: serializeError(e) }),
    );
  };
  endpoint.on("message", listener);
  return () => endpoint.off("message", listener);
}

function serializeError(e: unknown): SerializedError {
  if (!(e instanceof Error)) return { message: String(e) };
  const { code, detail, constraint, table } = e as Error & Partial<SerializedError>;
  return { message: e.message, name: e.name, code, detail, constraint, table };
}

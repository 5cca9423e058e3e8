import { EventEmitter } from "node:events";
import type { IpcEndpoint } from "../../server/platform/ipc";

/** Two ends of an in-process channel that behaves like a forked child's IPC (structured clone). */
export function ipcChannel(): [IpcEndpoint, IpcEndpoint] {
  const [a, b] = [new EventEmitter(), new EventEmitter()];
  const end = (self: EventEmitter, other: EventEmitter): IpcEndpoint => ({
    send: (m) => (setImmediate(() => other.emit("message", structuredClone(m))), true),
    on: (e, l) => self.on(e, l),
    off: (e, l) => self.off(e, l),
  });
  return [end(a, b), end(b, a)];
}

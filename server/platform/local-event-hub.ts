import { EventEmitter } from "node:events";
import type { EventPublisher, ProjectEvent } from "./types";

/** Local delivery of stored project events to the in-process realtime server. */
export class LocalEventHub implements EventPublisher {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async deliver(event: ProjectEvent): Promise<void> {
    this.emitter.emit("event", event);
  }

  subscribe(listener: (event: ProjectEvent) => void): () => void {
    this.emitter.on("event", listener);
    return () => this.emitter.off("event", listener);
  }
}

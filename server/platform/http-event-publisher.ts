import type { EventPublisher, ProjectEvent } from "./types";

/**
 * aws mode: posts each stored event to the realtime service on Fargate, which pushes it to
 * subscribed browsers. A failed post loses nothing: clients replay from the event log.
 */
export class HttpEventPublisher implements EventPublisher {
  constructor(private readonly url: string, private readonly secret: string) {}

  async deliver(event: ProjectEvent): Promise<void> {
    const res = await fetch(new URL("/internal/events", this.url), {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${this.secret}` },
      body: JSON.stringify(event),
      signal: AbortSignal.timeout(2_000),
    });
    if (!res.ok) throw new Error(`realtime service answered ${res.status}`);
  }
}

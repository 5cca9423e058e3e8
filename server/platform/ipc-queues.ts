import { ipcClient, ipcServe, type IpcEndpoint } from "./ipc";
import type { EventPublisher, JobQueue, ProjectEvent, QueueName, SendOptions } from "./types";

type SendArgs = { queue: QueueName; body: unknown; options: SendOptions };

/**
 * Web side of the job queues when the workers run in their own process: a send is handed to
 * the worker process, which stores it (LocalJobQueue writes the message file) before it
 * answers. While the worker process is down or restarting, sends wait here and go out when
 * it is back, so a request never fails because a worker crashed; and since the database is
 * the source of truth, the sweeper re-enqueues anything a lost send would have carried.
 */
export class IpcJobQueue implements JobQueue {
  private client: ReturnType<typeof ipcClient> | null = null;
  private waiting: { args: SendArgs; resolve: () => void; reject: (e: Error) => void }[] = [];

  send(queue: QueueName, body: unknown, options: SendOptions): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ args: { queue, body, options }, resolve, reject });
      this.flush();
    });
  }

  /** The worker process is up and answering. */
  attach(endpoint: IpcEndpoint): void {
    this.client = ipcClient(endpoint);
    this.flush();
  }

  /** The worker process went away: later sends wait for the next attach. */
  detach(): void {
    this.client?.failPending("worker process exited");
    this.client = null;
  }

  private flush(): void {
    const client = this.client;
    if (!client) return;
    for (const job of this.waiting.splice(0)) {
      client.call("jobs.send", job.args).then(job.resolve, (e: Error) => {
        // Lost with the process: wait for the restarted one rather than failing the request.
        if (this.client === client) job.reject(e);
        else {
          this.waiting.push(job);
          this.flush();
        }
      });
    }
  }
}

/** Worker side: answers the web process's sends with the real queue. */
export function serveJobQueue(endpoint: IpcEndpoint, jobs: JobQueue): () => void {
  return ipcServe(endpoint, { "jobs.send": ({ queue, body, options }: SendArgs) => jobs.send(queue, body, options) });
}

/** Worker side: project events go to the web process, where the realtime server pushes them. */
export class IpcEventPublisher implements EventPublisher {
  private readonly client: ReturnType<typeof ipcClient>;
  constructor(endpoint: IpcEndpoint) {
    this.client = ipcClient(endpoint);
  }
  async deliver(event: ProjectEvent): Promise<void> {
    await this.client.call("events.deliver", event);
  }
}

/** Web side: events from the worker process reach the local hub. */
export function serveEvents(endpoint: IpcEndpoint, events: EventPublisher): () => void {
  return ipcServe(endpoint, { "events.deliver": (event: ProjectEvent) => events.deliver(event) });
}

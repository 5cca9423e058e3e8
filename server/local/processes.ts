import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { log } from "../log";
import { IpcJobQueue, serveEvents } from "../platform/ipc-queues";
import { runInBackground } from "../platform/background-priority";
import type { LocalPlatform } from "../platform/local";

/**
 * The launcher's child processes: the DynamoDB stand-in and the workers run off the web
 * server's event loop, started and stopped with it. A worker process that dies is started
 * again; its messages are files (LocalJobQueue), so the restarted one delivers them again,
 * and sends made meanwhile wait in IpcJobQueue. Children exit on their own if the launcher
 * dies (IPC 'disconnect'), and ignore Ctrl-C so that the launcher stops them in order.
 */
const HERE = __dirname;
const RESTART_DELAY_MS = 500;
const STOP_GRACE_MS = 5_000;

type Ready = { ready: true; endpoint?: string };

/** Forks `entry` (a .ts file run through tsx) and resolves once it reports ready. */
export function forkReady(name: string, entry: string, args: string[]): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = fork(path.join(HERE, entry), args, { execArgv: ["--import", "tsx"], serialization: "advanced", stdio: "inherit" });
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`${name} exited with ${code} before it was ready`));
    child.once("exit", onExit);
    child.on("message", function onMessage(m) {
      if ((m as Ready)?.ready !== true) return;
      child.off("message", onMessage);
      child.off("exit", onExit);
      resolve({ child, ready: m as Ready });
    });
  });
}

export async function startDynamoProcess(dataDir: string, port: number): Promise<{ child: ChildProcess; endpoint: string }> {
  const { child, ready } = await forkReady("the DynamoDB stand-in", "dynalite-process.ts", [dataDir, String(port)]);
  return { child, endpoint: ready.endpoint! };
}

export type WorkerProcess = { pid(): number | undefined; restarts(): number; stop(): Promise<void> };

/**
 * Runs the workers in a child process, serving `platform`'s Postgres and event hub to it;
 * `jobs` is what the web process sends jobs through (attached while the process is up).
 */
export async function startWorkerProcess(platform: LocalPlatform, jobs: IpcJobQueue, options: { dataDir: string; logLevel: string }): Promise<WorkerProcess> {
  // Loaded here, not at the top: the launcher imports this file before Next.js starts (drizzle comes with it).
  const { servePglite } = await import("../platform/ipc-pglite");
  const config = JSON.stringify({ dataDir: options.dataDir, dynamoEndpoint: platform.dynamoEndpoint, logLevel: options.logLevel });
  let current: ChildProcess | undefined;
  let stopping = false;
  let restarts = 0;

  const start = async (): Promise<void> => {
    const child = fork(path.join(HERE, "worker-process.ts"), [config], { execArgv: ["--import", "tsx"], serialization: "advanced", stdio: "inherit" });
    runInBackground(child.pid);
    current = child;
    // Served before it is ready: its first sweep and deliveries query Postgres straight away.
    const unserve = [servePglite(child, platform.pglite), serveEvents(child, platform.events)];
    const ready = new Promise<void>((resolve) => {
      child.on("message", (m) => {
        if ((m as Ready)?.ready !== true) return;
        jobs.attach(child);
        resolve();
      });
      child.once("exit", () => resolve()); // a crash before ready is restarted like any other
    });
    child.once("exit", (code, signal) => {
      unserve.forEach((u) => u());
      jobs.detach();
      if (stopping) return;
      restarts += 1;
      log.warn("worker process exited; starting it again", { code, signal, restarts });
      setTimeout(() => void start(), RESTART_DELAY_MS).unref();
    });
    await ready;
  };
  await start();
  return {
    pid: () => current?.pid,
    restarts: () => restarts,
    async stop() {
      stopping = true;
      if (current) await stopChild(current);
    },
  };
}

/** SIGTERM, then SIGKILL after a grace period; resolves when the child is gone. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

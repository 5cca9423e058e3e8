import { createServer } from "node:net";
import { join } from "node:path";
import { freePort, start, staysUp, stop, waitUntilServing, type Booted } from "./boot";
import type { DeployedShape } from "./deployed-shape";
import { LAMBDA_HARNESS } from "./lambda-harness";
import { portOwner } from "./port-owner";
import { writeText } from "./runtime";
import type { RehearsalCheck } from "./types";

// How long a Lambda handler's init (secrets, tools) is watched for a crash after the module loaded.
const LAMBDA_INIT_MS = 1_000;
// Starts on another free port after EADDRINUSE: a concurrent rehearsal can take the port we picked.
const PORT_RETRIES = 2;

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createServer();
    s.once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });

/**
 * The port the agent listens on: a container's deployed port (8080, the AgentCore contract; the
 * task definition's containerPort on ECS) when it is free here, else a free one, and which it was.
 */
async function pickPort(shape: DeployedShape, avoidDeployed: boolean): Promise<{ port: number; note: string }> {
  if (shape.kind === "lambda") return { port: await freePort(), note: "the function URL stand-in on a free port" };
  if (!avoidDeployed && (await portFree(shape.port))) return { port: shape.port, note: `port ${shape.port}, as deployed` };
  const port = await freePort();
  return { port, note: `port ${port} (the deployed port ${shape.port} was busy on this machine)` };
}

export type BootedAgent = { booted: Booted; port: number; portNote: string; check: RehearsalCheck };

type BootInput = { shape: DeployedShape; node: string; dir: string; scratch: string; envFor(port: number): Record<string, string>; stepMs: number };

function commandFor(i: BootInput, port: number): string[] {
  if (i.shape.kind === "container") return i.shape.command[0] === "node" ? [i.node, ...i.shape.command.slice(1)] : i.shape.command;
  const handler = i.shape.handler;
  const [file, exportName] = [handler.slice(0, handler.lastIndexOf(".")), handler.slice(handler.lastIndexOf(".") + 1)];
  writeText(join(i.scratch, "harness.mjs"), LAMBDA_HARNESS);
  return [i.node, join(i.scratch, "harness.mjs"), join(i.dir, `${file}.js`), exportName, String(port)];
}

/**
 * Starts the agent as its IaC runs it and waits until it serves. When another process took the
 * port between the check and the start (EADDRINUSE), it starts again on a free port.
 */
export async function bootAgent(i: BootInput): Promise<BootedAgent> {
  for (let attempt = 0; ; attempt++) {
    const { port, note } = await pickPort(i.shape, attempt > 0);
    const url = `http://127.0.0.1:${port}`;
    const t = performance.now();
    const booted = start(commandFor(i, port), { cwd: i.dir, env: i.envFor(port) });
    const probe = i.shape.kind === "container" ? async () => (await fetch(`${url}/ping`, { signal: AbortSignal.timeout(1000) })).ok : async () => (await fetch(url, { signal: AbortSignal.timeout(1000) }).catch(() => null)) !== null;
    try {
      await waitUntilServing(booted, probe, i.stepMs);
      const owner = portOwner(port, booted.child.pid!);
      // Another process may hold the port and answer in our agent's place (a concurrent rehearsal).
      if (owner === "other") throw new Error(`EADDRINUSE: port ${port} is answered by another process, not this agent`);
      // Nobody listens any more: the agent answered, then its init crashed (a Lambda handler's
      // secrets load runs beside the first request). Its exit code and output are the finding.
      if (i.shape.kind === "lambda" || owner === "nobody") await staysUp(booted, LAMBDA_INIT_MS);
      const detail = `${i.shape.kind === "container" ? "GET /ping answered 200" : "the handler module loaded and the function URL answers"}; listening on ${note}`;
      return { booted, port, portNote: note, check: { name: "boot", ok: true, ms: Math.round(performance.now() - t), detail } };
    } catch (e) {
      await stop(booted);
      if (attempt < PORT_RETRIES && /EADDRINUSE/.test(`${booted.output()} ${(e as Error).message}`)) continue;
      return { booted, port, portNote: note, check: { name: "boot", ok: false, ms: Math.round(performance.now() - t), detail: (e as Error).message } };
    }
  }
}

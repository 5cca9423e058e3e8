import { createHash } from "node:crypto";
import { chmodSync, existsSync, lstatSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seccompProgram } from "./seccomp";

/**
 * Trusted helper files the sandbox needs, written once per host into a root-owned directory:
 * the launcher (first process inside the sandbox) and a minimal /etc.
 *
 * The launcher listens on 127.0.0.1:PORT inside the sandbox's empty network namespace and
 * pipes each connection to the model's Unix socket (the one way out), then runs the agent
 * and exits with its code (128 + signal when killed, so SIGXCPU and SIGXFSZ are visible).
 * The agent inherits its stdin: the runner's channel for approval decisions (or nothing).
 * It is plain CommonJS so it needs nothing but node.
 */
export const LAUNCHER_SOURCE = `"use strict";
const net = require("node:net");
const { spawn } = require("node:child_process");
const { constants } = require("node:os");
const [port, socketPath, command, ...args] = process.argv.slice(2);
function start() {
  const child = spawn(command, args, { stdio: ["inherit", "inherit", "inherit"] });
  child.on("error", (e) => { process.stderr.write("sandbox: cannot start " + command + ": " + e.message + "\\n"); process.exit(127); });
  child.on("exit", (code, signal) => process.exit(signal ? 128 + (constants.signals[signal] || 0) : code === null ? 1 : code));
}
if (socketPath === "-") start();
else {
  const server = net.createServer((client) => {
    const upstream = net.connect(socketPath);
    client.pipe(upstream).pipe(client);
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  server.on("error", (e) => { process.stderr.write("sandbox: model forwarder failed: " + e.message + "\\n"); process.exit(126); });
  server.listen(Number(port), "127.0.0.1", start);
}
`;

/** Inside the sandbox: where the launcher, the model socket and its forwarded port are. */
export const SANDBOX_LAUNCHER = "/opt/agent-builder/launcher.cjs";
export const SANDBOX_MODEL_SOCKET = "/run/model.sock";
export const SANDBOX_MODEL_PORT = 4000;

const ETC_FILES: Record<string, string> = {
  passwd: "root:x:0:0:root:/root:/usr/sbin/nologin\nsandbox:x:65534:65534:sandbox:/work:/usr/sbin/nologin\n",
  group: "root:x:0:\nsandbox:x:65534:\n",
  hosts: "127.0.0.1 localhost\n::1 localhost\n",
  "nsswitch.conf": "passwd: files\ngroup: files\nhosts: files\n",
};

function ownDir(path: string) {
  mkdirSync(path, { recursive: true, mode: 0o755 });
  const st = lstatSync(path);
  // /tmp is shared: refuse a directory someone else planted (or a symlink) in our place.
  if (!st.isDirectory() || st.uid !== (process.getuid?.() ?? st.uid)) throw new Error(`${path} is not a directory owned by this user`);
  chmodSync(path, 0o755);
}

export type SandboxFiles = { launcher: string; etc: string; seccomp: string | null };
let cached: SandboxFiles | undefined;

/** Writes the launcher and the /etc files (content-addressed, so versions never clash). */
export function sandboxFiles(): SandboxFiles {
  if (cached && existsSync(/*turbopackIgnore: true*/ cached.launcher)) return cached;
  const filter = seccompProgram();
  const hash = createHash("sha256").update(LAUNCHER_SOURCE).update(JSON.stringify(ETC_FILES)).update(filter ?? "").digest("hex").slice(0, 16);
  const dir = join(tmpdir(), "agent-builder-sandbox");
  ownDir(dir);
  const launcher = join(dir, `launcher-${hash}.cjs`);
  const etc = join(dir, `etc-${hash}`);
  if (!existsSync(launcher)) {
    writeFileSync(`${launcher}.tmp${process.pid}`, LAUNCHER_SOURCE, { mode: 0o644 });
    renameSync(`${launcher}.tmp${process.pid}`, launcher);
  }
  ownDir(etc);
  for (const [name, content] of Object.entries(ETC_FILES)) writeFileSync(join(etc, name), content, { mode: 0o644 });
  const seccomp = filter ? join(dir, `seccomp-${hash}.bpf`) : null;
  if (seccomp && filter) writeFileSync(seccomp, filter, { mode: 0o644 });
  cached = { launcher, etc, seccomp };
  return cached;
}

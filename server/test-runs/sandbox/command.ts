import { closeSync, openSync } from "node:fs";
import { dirname } from "node:path";
import { log } from "../../log";
import { bwrapArgs, JOIN_CGROUPS_SCRIPT, prlimitArgs, type Mount } from "./bwrap-args";
import { cgroupsAvailable, RunCgroup } from "./cgroup";
import { chownTree } from "./chown";
import { grantReadTree, grantTraverse } from "./grant-read";
import { acquireUid, basicTools, hostTools, releaseUid } from "./host";
import { SANDBOX_LAUNCHER, SANDBOX_MODEL_PORT, SANDBOX_MODEL_SOCKET, sandboxFiles } from "./launcher";
import { processLayout } from "./process-layout";
import type { SandboxSpec } from "./run-sandboxed";

/** The base URL the agent uses for the model inside a sandbox. */
export const SANDBOX_MODEL_URL = `http://127.0.0.1:${SANDBOX_MODEL_PORT}/v1`;

export type PreparedCommand = {
  argv: string[];
  env: Record<string, string>;
  cwd: string | undefined;
  cg: RunCgroup | null;
  uid: number | null;
  cgroupName: string | null;
  /** Extra file descriptors the child gets from fd 3 on (the seccomp filter). */
  fds: number[];
  /** Gives writable dirs back to root and frees the uid (or removes the process layout). */
  cleanup(): void;
};

/**
 * The host command line of a sandbox. bwrap: join the run's cgroup (a trusted shell), rlimits
 * (prlimit), bubblewrap, then the launcher as the run's uid. process: rlimits and the command,
 * with sandbox paths mapped onto a private directory.
 */
export function prepareCommand(spec: SandboxSpec): PreparedCommand {
  const env = { ...spec.env };
  if (spec.isolation === "process") {
    const tools = basicTools();
    const layout = processLayout(spec.mounts);
    if (spec.model && "url" in spec.model) env.AGENT_MODEL_BASE_URL = spec.model.url;
    for (const key of ["HOME", "TMPDIR"]) if (env[key]) env[key] = layout.path(env[key]!);
    // Mounts are symlinks here: keep module resolution on the link (node_modules sits beside dist).
    const command = spec.command.flatMap((c, i) => (i === 0 && c === "node" ? [tools.node, "--preserve-symlinks", "--preserve-symlinks-main"] : [layout.path(c)]));
    const agent = dropToAgentUid(tools.setpriv, [layout.root, ...(spec.writableDirs ?? [])]);
    // The dropped uid reads the mounts through their symlinks: the trees behind them must let it.
    if (agent.uid !== null) for (const m of spec.mounts) if (!m.writable) grantReadTree(m.from);
    const dropped = [...agent.prefix, ...command];
    const argv = tools.prlimit ? [tools.prlimit, ...prlimitArgs(spec.limits), "--", ...dropped] : dropped;
    const cleanup = () => {
      agent.release();
      layout.cleanup();
    };
    return { argv, env, cwd: layout.path(spec.cwd), cg: null, uid: agent.uid, cgroupName: null, fds: [], cleanup };
  }
  const host = hostTools();
  const files = sandboxFiles();
  const uid = acquireUid();
  const mounts: Mount[] = [{ from: files.launcher, to: SANDBOX_LAUNCHER }, ...spec.mounts];
  let forward = ["0", "-"];
  if (spec.model) {
    if (!("socketPath" in spec.model)) throw new Error("a bwrap sandbox reaches its model through a Unix socket");
    mounts.push({ from: spec.model.socketPath, to: SANDBOX_MODEL_SOCKET, writable: true });
    forward = [String(SANDBOX_MODEL_PORT), SANDBOX_MODEL_SOCKET];
    env.AGENT_MODEL_BASE_URL = SANDBOX_MODEL_URL;
  }
  const command = [host.node, SANDBOX_LAUNCHER, ...forward, ...spec.command.map((c) => (c === "node" ? host.node : c))];
  const filter = files.seccomp ? openSync(files.seccomp, "r") : null;
  const inner = bwrapArgs({ mounts, etcDir: files.etc, nodeDir: host.nodeDir, setpriv: host.setpriv, uid, tmpMb: spec.limits.tmpMb, cwd: spec.cwd, command, seccompFd: filter === null ? undefined : 3 });
  for (const dir of spec.writableDirs ?? []) chownTree(dir, uid);
  const cgroupName = cgroupsAvailable() ? `${spec.name}-${uid}` : null;
  const cg = cgroupName ? RunCgroup.create(cgroupName, spec.limits) : null;
  if (!cg) log.warn("cgroups are not writable: the sandbox has no memory or CPU cap", { run: spec.name });
  const limited = host.prlimit ? [host.prlimit, ...prlimitArgs(spec.limits), "--", host.bwrap, ...inner] : [host.bwrap, ...inner];
  const argv = [host.sh, "-c", JOIN_CGROUPS_SCRIPT, "sh", ...(cg?.procFiles() ?? []), "--", ...limited];
  const cleanup = () => {
    for (const dir of spec.writableDirs ?? []) chownTree(dir, 0);
    if (filter !== null) closeSync(filter);
    releaseUid(uid);
  };
  return { argv, env, cwd: undefined, cg, uid, cgroupName, fds: filter === null ? [] : [filter], cleanup };
}

/**
 * In the ECS runner task the runner is root and the agent runs as a second, unprivileged uid:
 * it cannot read the runner's /proc/<pid>/environ (the task-role credentials URI) or anything
 * the runner keeps private, and it gets none of the runner's env (spec.env only). Its writable
 * dirs are handed to that uid for the run (and the path to them opened for traversal), and back
 * to root after. Not root: no second uid exists to drop to, and commands run as this user (a
 * developer's `agent-builder run`).
 */
function dropToAgentUid(setpriv: string | null, writable: string[]) {
  if (!setpriv) return { uid: null, prefix: [] as string[], release: () => undefined };
  const uid = acquireUid();
  for (const dir of writable) {
    grantTraverse(dirname(dir));
    chownTree(dir, uid);
  }
  return {
    uid,
    prefix: [setpriv, `--reuid=${uid}`, `--regid=${uid}`, "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"],
    release: () => {
      for (const dir of writable) chownTree(dir, 0);
      releaseUid(uid);
    },
  };
}

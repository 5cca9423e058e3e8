import { accessSync, constants, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { DomainError } from "../../errors";

/** The host programs the sandbox is built from (ENVIRONMENT.md: bubblewrap, util-linux). */
export type HostTools = { bwrap: string; prlimit: string | null; setpriv: string; node: string; nodeDir: string; sh: string };

const CANDIDATES = { bwrap: ["/usr/bin/bwrap", "/bin/bwrap"], prlimit: ["/usr/bin/prlimit", "/bin/prlimit"], setpriv: ["/usr/bin/setpriv", "/bin/setpriv"], sh: ["/bin/sh", "/usr/bin/sh"] };

function find(paths: string[]): string | null {
  for (const p of paths) {
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      /* next */
    }
  }
  return null;
}

let cached: HostTools | undefined;

/** What the "process" isolation needs (the ECS runner task has no bwrap and no root). */
export function basicTools(): Pick<HostTools, "node" | "nodeDir" | "prlimit"> & { setpriv: string | null } {
  const node = realpathSync(process.execPath);
  // setpriv only helps as root (to drop to another uid); elsewhere commands run as this user.
  return { node, nodeDir: dirname(node), prlimit: find(CANDIDATES.prlimit), setpriv: process.getuid?.() === 0 ? find(CANDIDATES.setpriv) : null };
}

/**
 * The sandbox's programs, or DomainError("unavailable") saying what to install. Hostile code is
 * never run without them: there is no unsandboxed fallback on a developer's machine.
 */
export function hostTools(): HostTools {
  if (cached) return cached;
  const bwrap = find(CANDIDATES.bwrap);
  const setpriv = find(CANDIDATES.setpriv);
  const sh = find(CANDIDATES.sh);
  if (!bwrap || !setpriv || !sh) {
    throw new DomainError("unavailable", "Test runs need bubblewrap and util-linux on this host (apt-get install bubblewrap util-linux)");
  }
  if (process.getuid?.() !== 0) {
    throw new DomainError("unavailable", "Local test runs need root to drop the agent to an unprivileged user and set up its cgroup");
  }
  const node = realpathSync(process.execPath);
  cached = { bwrap, prlimit: find(CANDIDATES.prlimit), setpriv, sh, node, nodeDir: dirname(node) };
  return cached;
}

/** True when local sandboxed runs can work here (for skipping, health and the UI). */
export function sandboxAvailable(): boolean {
  try {
    hostTools();
    return true;
  } catch {
    return false;
  }
}

/** Unprivileged uids for sandboxed agents: one per live run, so RLIMIT_NPROC and leftovers are per run. */
export const SANDBOX_UIDS = { first: 61_000, count: 1_000 } as const;
// A uid is claimed with an exclusive lock file, so processes that run sandboxes side by side
// (the server, the CLI, parallel test files) never share one: a shared uid would share
// RLIMIT_NPROC, and one run's clean-up would kill the other's processes.
const LOCK_DIR = join(tmpdir(), "agent-builder-sandbox-uids");
let next = (process.pid * 7) % SANDBOX_UIDS.count;

/** The lock file of a sandbox uid: it holds the pid of the process that claimed the uid. */
export const lockOf = (uid: number) => join(LOCK_DIR, String(uid));
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
};

function tryClaim(uid: number): boolean {
  try {
    writeFileSync(lockOf(uid), String(process.pid), { flag: "wx" });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    if (uidInUse(uid)) return false;
    rmSync(lockOf(uid), { force: true }); // left by a process that died
    return tryClaim(uid);
  }
}

export function acquireUid(): number {
  mkdirSync(LOCK_DIR, { recursive: true, mode: 0o700 });
  for (let i = 0; i < SANDBOX_UIDS.count; i++) {
    const uid = SANDBOX_UIDS.first + (next++ % SANDBOX_UIDS.count);
    if (tryClaim(uid)) return uid;
  }
  throw new DomainError("unavailable", "Too many test runs at once");
}

export const releaseUid = (uid: number) => rmSync(lockOf(uid), { force: true });

/** Whether a live process (this one or another runner on the host) holds the sandbox uid. */
export function uidInUse(uid: number): boolean {
  try {
    const owner = Number(readFileSync(lockOf(uid), "utf8"));
    return Boolean(owner) && alive(owner);
  } catch {
    return false;
  }
}

/**
 * The bubblewrap command line of a sandbox, as a pure function (tests read it).
 *
 * bwrap runs as root WITHOUT a user namespace (root mapped to root would still own /etc/shadow),
 * builds fresh pid, net, ipc, uts and cgroup namespaces and a new root with only: /usr read-only,
 * a minimal /etc, /proc of the new pid namespace, minimal /dev, size-capped tmpfs /tmp and
 * /work, and the given mounts. Then setpriv drops to an unprivileged uid with no capabilities,
 * an empty bounding set and no_new_privs before the launcher starts. --new-session stops
 * terminal injection (CVE-2017-5226); --die-with-parent ties the sandbox to the runner.
 */

export type Mount = { from: string; to: string; writable?: boolean };

export type BwrapOptions = {
  mounts: Mount[];
  /** Host directory mounted read-only as /etc. */
  etcDir: string;
  /** Directory of the node binary when it is not under /usr. */
  nodeDir: string;
  setpriv: string;
  uid: number;
  tmpMb: number;
  cwd: string;
  command: string[];
  /** File descriptor (in bwrap) of a compiled seccomp filter, applied before the command runs. */
  seccompFd?: number;
};

export function bwrapArgs(o: BwrapOptions): string[] {
  const tmpBytes = String(o.tmpMb * 1024 * 1024);
  const args = [
    "--new-session",
    "--die-with-parent",
    "--unshare-pid",
    "--unshare-net",
    "--unshare-ipc",
    "--unshare-uts",
    "--unshare-cgroup-try",
    "--hostname",
    "sandbox",
    "--ro-bind",
    "/usr",
    "/usr",
    "--symlink",
    "usr/lib",
    "/lib",
    "--symlink",
    "usr/lib64",
    "/lib64",
    "--symlink",
    "usr/bin",
    "/bin",
    "--symlink",
    "usr/sbin",
    "/sbin",
    "--ro-bind",
    o.etcDir,
    "/etc",
    "--proc",
    "/proc",
    "--dev",
    "/dev",
    "--perms",
    "1777",
    "--size",
    tmpBytes,
    "--tmpfs",
    "/tmp",
    "--perms",
    "1777",
    "--size",
    tmpBytes,
    "--tmpfs",
    "/work",
  ];
  if (!o.nodeDir.startsWith("/usr/")) args.push("--ro-bind", o.nodeDir, o.nodeDir);
  if (o.seccompFd !== undefined) args.push("--seccomp", String(o.seccompFd));
  // bwrap would create missing parents of a mount point as 0700 root: unreadable to the agent.
  const made = new Set(["/", "/usr", "/etc", "/proc", "/dev", "/tmp", "/work"]);
  const mounted: string[] = [];
  for (const m of o.mounts) {
    const parts = m.to.split("/").filter(Boolean);
    for (let i = 1; i < parts.length; i++) {
      const dir = `/${parts.slice(0, i).join("/")}`;
      if (made.has(dir) || mounted.some((t) => dir === t || dir.startsWith(`${t}/`))) continue;
      args.push("--perms", "0755", "--dir", dir);
      made.add(dir);
    }
    args.push(m.writable ? "--bind" : "--ro-bind", m.from, m.to);
    mounted.push(m.to);
  }
  args.push("--chdir", o.cwd, "--");
  args.push(o.setpriv, `--reuid=${o.uid}`, `--regid=${o.uid}`, "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--");
  return [...args, ...o.command];
}

/** Joins the cgroups (pids given before `--`), then execs the rest: the runner's first trusted step. */
export const JOIN_CGROUPS_SCRIPT = 'while [ "$1" != "--" ]; do echo $$ > "$1" || exit 125; shift; done; shift; exec "$@"';

/** prlimit arguments: per-process CPU seconds, file size, processes of the uid, no core dumps. */
export function prlimitArgs(l: { cpuSeconds: number; fileSizeMb: number; pids: number }): string[] {
  return [`--cpu=${l.cpuSeconds + 1}`, `--fsize=${l.fileSizeMb * 1024 * 1024}`, `--nproc=${l.pids}`, "--core=0", "--nofile=1024"];
}

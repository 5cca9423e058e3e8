import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/** Who listens on a port: the process group asked about, another process, or nobody. */
export type PortOwner = "group" | "other" | "nobody";

/**
 * Who listens on `port`, from the process group `pgid`'s point of view, read from Linux's
 * /proc; undefined where /proc cannot tell (another OS). Two rehearsals that both find the
 * deployed port free can race for it: the loser's agent exits with EADDRINUSE while the
 * winner's agent answers the loser's /ping, so "something answers" is not "ours answers".
 * "nobody" after an answer means the agent stopped listening: it answered, then exited.
 */
export function portOwner(port: number, pgid: number): PortOwner | undefined {
  const inodes = listeningInodes(port);
  if (inodes === undefined) return undefined;
  if (inodes.size === 0) return "nobody";
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    if (holdsAny(pid, inodes) && groupOf(pid) === pgid) return "group";
  }
  return "other";
}

/** Inodes of the TCP sockets (v4 and v6) in LISTEN state on `port`. */
function listeningInodes(port: number): Set<string> | undefined {
  const inodes = new Set<string>();
  let readable = false;
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = readFileSync(table, "utf8");
      readable = true;
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || f[3] !== "0A") continue; // 0A = LISTEN
      if (Number.parseInt(f[1]!.split(":")[1]!, 16) === port) inodes.add(f[9]!);
    }
  }
  return readable ? inodes : undefined;
}

function holdsAny(pid: string, inodes: Set<string>): boolean {
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return false; // gone, or not ours to read
  }
  return fds.some((fd) => {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      return m !== null && inodes.has(m[1]!);
    } catch {
      return false;
    }
  });
}

/** The process group of `pid`: the third field after the command name in /proc/<pid>/stat. */
function groupOf(pid: string): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
  } catch {
    return undefined;
  }
}

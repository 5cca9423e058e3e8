import { createHash } from "node:crypto";
import { accessSync, constants, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PIP_WALL_MS } from "../limits";
import { chownTree } from "../sandbox/chown";
import { acquireUid, basicTools, releaseUid } from "../sandbox/host";
import { cachedDir, type CacheResult } from "./cache";
import { execCapped, tail } from "./exec";
import { PrepareError } from "./errors";

/**
 * A Python agent's requirements, installed into a virtualenv cached under
 * `<cache>/py/<hash>` (keyed by the checked requirement lines) and mounted read-only.
 *
 * requirements.txt is hostile input: only `name[extras] <specifiers>` lines are accepted (no
 * options such as --index-url, no paths, URLs or VCS links). pip runs as an unprivileged uid,
 * installs wheels only (no setup.py ever runs), without retries and with a 5 s socket timeout
 * under a wall cap, so an unreachable package index fails the run fast with pip's message.
 */

const REQUIREMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*(\[[A-Za-z0-9,._-]+\])?\s*((==|>=|<=|~=|!=|>|<)\s*[0-9A-Za-z.*+!-]+(\s*,\s*(==|>=|<=|~=|!=|>|<)\s*[0-9A-Za-z.*+!-]+)*)?$/;
const MAX_REQUIREMENTS = 200;
const PYTHON_CANDIDATES = ["/usr/bin/python3", "/usr/local/bin/python3"];

/** The checked requirement lines (comments and blank lines dropped). */
export function parseRequirements(text: string): string[] {
  const lines = text
    .split("\n")
    .map((l) => l.replace(/\s+#.*$/, "").trim())
    .filter((l) => l && !l.startsWith("#"));
  for (const [i, line] of lines.entries()) {
    if (!REQUIREMENT.test(line)) throw new PrepareError("dependencies_failed", `requirements.txt line ${i + 1}: '${line.slice(0, 80)}' is not a plain package requirement (options, paths and URLs are not installed)`);
  }
  if (lines.length > MAX_REQUIREMENTS) throw new PrepareError("dependencies_failed", `requirements.txt lists more than ${MAX_REQUIREMENTS} packages`);
  return [...lines].sort();
}

/** The system Python the sandbox can see (under /usr; a pyenv shim in /root would be invisible). */
export function systemPython(): string {
  for (const p of PYTHON_CANDIDATES) {
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      /* next */
    }
  }
  throw new PrepareError("dependencies_failed", "Python 3 is not installed on this host (/usr/bin/python3)");
}

export const pythonDepsKey = (requirements: string[]) => createHash("sha256").update(requirements.join("\n")).update(`\0${systemPython()}`).digest("hex");

/** Creates (or finds) the virtualenv with the requirements installed; returns its directory. */
export async function installPythonDeps(cacheRoot: string, requirements: string[], signal?: AbortSignal): Promise<CacheResult> {
  const python = systemPython();
  const { setpriv } = basicTools();
  return cachedDir(cacheRoot, "py", pythonDepsKey(requirements), async (staging) => {
    const uid = acquireUid();
    try {
      const home = join(staging, ".home");
      mkdirSync(home);
      writeFileSync(join(home, "requirements.txt"), `${requirements.join("\n")}\n`);
      if (setpriv) chownTree(staging, uid);
      const env = { PATH: "/usr/bin:/bin", HOME: home, LANG: "C.UTF-8", PIP_NO_INPUT: "1", PIP_DISABLE_PIP_VERSION_CHECK: "1" };
      // As root, pip runs as the unprivileged uid; in the runner task it already is unprivileged.
      const exec = (bin: string, args: string[], timeoutMs: number) =>
        setpriv
          ? execCapped(setpriv, [`--reuid=${uid}`, `--regid=${uid}`, "--clear-groups", "--inh-caps=-all", "--no-new-privs", "--", bin, ...args], { cwd: home, env, timeoutMs, signal })
          : execCapped(bin, args, { cwd: home, env, timeoutMs, signal });
      const venv = join(staging, "venv");
      const venvPython = join(venv, "bin", "python");
      // The system pip installs into the venv (fast); without one (the runner image), the venv brings its own.
      const systemPip = (await exec(python, ["-m", "pip", "--version"], 20_000)).code === 0;
      const made = await exec(python, ["-m", "venv", ...(systemPip ? ["--without-pip"] : []), venv], 60_000);
      if (made.code !== 0) throw new PrepareError("dependencies_failed", `The virtualenv could not be created: ${tail(made.out)}`);
      const install = ["install", "--isolated", "--no-input", "--retries", "0", "--timeout", "5", "--only-binary=:all:", "--no-cache-dir", "--disable-pip-version-check", "-r", join(home, "requirements.txt")];
      const installed = systemPip ? await exec(python, ["-m", "pip", "--python", venvPython, ...install], PIP_WALL_MS) : await exec(venvPython, ["-m", "pip", ...install], PIP_WALL_MS);
      if (installed.code !== 0) {
        const why = installed.timedOut ? `pip did not finish within ${PIP_WALL_MS / 1000} s` : tail(installed.out);
        throw new PrepareError("dependencies_failed", `Dependencies could not be installed: ${why}`);
      }
      if (setpriv) chownTree(staging, 0);
    } finally {
      releaseUid(uid);
    }
  });
}

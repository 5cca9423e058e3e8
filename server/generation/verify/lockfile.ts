import { LOCKFILE, missingLockfileMessage } from "../lockfile";
import type { Finding } from "./types";

type Lock = { packages?: Record<string, { version?: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> }> };
type Pkg = { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };

const EXACT = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/** Differences between what package.json asks for and what the lockfile's root records and installs. */
function drift(pkg: Pkg, lock: Lock): string[] {
  const root = lock.packages?.[""] ?? {};
  const out: string[] = [];
  for (const field of ["dependencies", "devDependencies"] as const) {
    const wanted = pkg[field] ?? {};
    const recorded = root[field] ?? {};
    for (const [name, range] of Object.entries(wanted)) {
      const installed = lock.packages?.[`node_modules/${name}`]?.version;
      if (recorded[name] !== range) out.push(`${name}: package.json ${field} asks ${range}, the lockfile records ${recorded[name] ?? "nothing"}`);
      else if (EXACT.test(range) && installed !== range) out.push(`${name}: ${range} is asked, the lockfile installs ${installed ?? "nothing"}`);
    }
    for (const name of Object.keys(recorded)) if (!(name in wanted)) out.push(`${name}: in the lockfile's ${field}, not in package.json`);
  }
  return out;
}

/**
 * A TypeScript project installs with `npm ci` (Dockerfile, Lambda package script, CI): it needs
 * package-lock.json, and one that disagrees with package.json makes `npm ci` fail.
 */
export function checkLockfile(files: Map<string, string>): Finding[] {
  const pkgText = files.get("package.json");
  if (pkgText === undefined) return [];
  const lockText = files.get(LOCKFILE);
  if (lockText === undefined) return [{ check: "lockfile", file: "package.json", message: missingLockfileMessage(), severity: "warning" }];
  let pkg: Pkg;
  let lock: Lock;
  try {
    pkg = JSON.parse(pkgText) as Pkg;
    lock = JSON.parse(lockText) as Lock;
  } catch {
    return []; // reported by the JSON check
  }
  const found = drift(pkg, lock);
  if (found.length === 0) return [];
  const message = `does not match package.json, so \`npm ci\` fails (${found.slice(0, 3).join("; ")}${found.length > 3 ? `; ${found.length - 3} more` : ""}): run \`npm install --package-lock-only --ignore-scripts\` again`;
  return [{ check: "lockfile", file: LOCKFILE, message, severity: "error" }];
}

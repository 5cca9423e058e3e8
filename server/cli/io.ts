import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { DomainError } from "../errors";
import { loadRegistryFrom, type Registry } from "../registry/load";

/** Where a command writes; tests capture it, main() wires it to stdout/stderr. */
export type CliIo = { out: (text: string) => void; err: (text: string) => void };

/** A command: argv is everything after its name; resolves to the process exit code. */
export type Command = { summary: string; run: (argv: string[], io: CliIo) => Promise<number> };

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export const stdio: CliIo = { out: (t) => void process.stdout.write(t), err: (t) => void process.stderr.write(t) };

/** The registry under the working directory, else the one shipped beside this code. */
export function cliRegistry(): Registry {
  const local = join(process.cwd(), "registry");
  const dir = existsSync(join(local, "models.json")) ? local : resolve(__dirname, "../../registry");
  return loadRegistryFrom(dir);
}

/** Reads a spec file: YAML for .yaml/.yml, JSON otherwise. */
export function readSpecFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new DomainError("not_found", `Cannot read spec '${path}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw new DomainError("invalid", `Spec '${path}' is not valid ${/\.ya?ml$/i.test(path) ? "YAML" : "JSON"}: ${(e as Error).message}`);
  }
}

/** Prints a DomainError (with its listed issues) to stderr and returns exit code 1. */
export function reportError(io: CliIo, e: unknown): number {
  if (!(e instanceof DomainError)) throw e;
  const issues = (e.details?.issues as Array<{ path: string; kind: string; message: string }> | undefined) ?? [];
  if (issues.length > 0) {
    io.err(`${e.message.split(":")[0]}:\n${issues.map((i) => `  ${i.path}: ${i.message} (${i.kind})`).join("\n")}\n`);
  } else {
    io.err(`${e.message}\n`);
  }
  return EXIT.failed;
}

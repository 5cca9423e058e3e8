import { existsSync } from "node:fs";
import { dirname, join, posix, resolve } from "node:path";
import ts from "typescript";
import type { Finding } from "./types";

/**
 * Type-checks a generated TypeScript project with the compiler API, in memory: the
 * project's files live under a virtual directory inside this repository, so imports
 * such as `@strands-agents/sdk` resolve against the real installed type declarations.
 * Packages the project depends on that are not installed here are declared as
 * untyped modules (reported as warnings) instead of failing the check.
 */

function findModulesRoot(): string {
  const starts = [typeof __dirname === "string" ? __dirname : process.cwd(), process.cwd()];
  for (const start of starts) {
    for (let dir = resolve(start); ; dir = dirname(dir)) {
      if (existsSync(join(dir, "node_modules", "@strands-agents", "sdk"))) return dir;
      if (dirname(dir) === dir) break;
    }
  }
  return process.cwd();
}

const ROOT = findModulesRoot();
// Lib and declaration files parsed once per process: checks reuse them.
const sourceCache = new Map<string, ts.SourceFile>();
let counter = 0;

function compilerOptions(files: Map<string, string>, base: string): ts.CompilerOptions {
  let raw: Record<string, unknown> = {};
  try {
    raw = (JSON.parse(files.get("tsconfig.json") ?? "{}") as { compilerOptions?: Record<string, unknown> }).compilerOptions ?? {};
  } catch {
    // A broken tsconfig.json is reported by the JSON check; fall back to defaults here.
  }
  const { options } = ts.convertCompilerOptionsFromJson(raw, base);
  return { ...options, noEmit: true, rootDir: base, outDir: undefined, sourceMap: false, incremental: false };
}

function dependencyNames(files: Map<string, string>): string[] {
  try {
    const pkg = JSON.parse(files.get("package.json") ?? "{}") as Record<string, Record<string, string> | undefined>;
    return Object.keys({ ...(pkg.dependencies ?? {}), ...(pkg.devDependencies ?? {}) });
  } catch {
    return [];
  }
}

function createHost(options: ts.CompilerOptions, virtual: Map<string, string>, base: string): ts.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const isVirtualDir = (dir: string) => dir === base || [...virtual.keys()].some((p) => p.startsWith(`${dir}/`));
  const { fileExists, readFile, directoryExists, getSourceFile } = host;
  host.fileExists = (p) => virtual.has(p) || (!p.startsWith(`${base}/`) && fileExists(p));
  host.readFile = (p) => virtual.get(p) ?? (p.startsWith(`${base}/`) ? undefined : readFile(p));
  host.directoryExists = (d) => isVirtualDir(d) || (!d.startsWith(`${base}/`) && !!directoryExists?.(d));
  host.realpath = (p) => p;
  // Type roots (`types: ["node"]` → node_modules/@types) are looked up from the current directory:
  // make that the project's, not wherever the CLI was started, or test/*.ts lose @types/node.
  host.getCurrentDirectory = () => base;
  host.getSourceFile = (name, languageVersion, onError) => {
    const text = virtual.get(name);
    if (text !== undefined) return ts.createSourceFile(name, text, languageVersion, true);
    const key = `${name}\0${JSON.stringify(languageVersion)}`;
    let file = sourceCache.get(key);
    if (!file) {
      file = getSourceFile(name, languageVersion, onError);
      if (file) sourceCache.set(key, file);
    }
    return file;
  };
  return host;
}

/** Type-checks every .ts file of the project; returns one finding per diagnostic in the project's files. */
export function checkTypeScript(files: Map<string, string>): Finding[] {
  const tsFiles = [...files.keys()].filter((p) => p.endsWith(".ts"));
  if (tsFiles.length === 0) return [];
  const base = posix.join(ROOT.split("\\").join("/"), `.agent-builder-typecheck-${process.pid}-${counter++}`);
  const virtual = new Map([...files].map(([p, text]) => [`${base}/${p}`, text]));
  const options = compilerOptions(files, base);
  let host = createHost(options, virtual, base);
  const findings: Finding[] = [];
  const missing = dependencyNames(files).filter((name) => {
    const resolved = ts.resolveModuleName(name, `${base}/index.ts`, options, host).resolvedModule;
    return !resolved && !existsSync(join(ROOT, "node_modules", name));
  });
  if (missing.length > 0) {
    const stubs = missing.map((m) => `declare module "${m}";\ndeclare module "${m}/*";`).join("\n");
    virtual.set(`${base}/__not_installed__.d.ts`, stubs);
    host = createHost(options, virtual, base);
    for (const m of missing) {
      findings.push({ check: "typescript-types", file: "package.json", message: `'${m}' is not installed in the checker; its imports were checked as untyped`, severity: "warning" });
    }
  }
  const roots = [...virtual.keys()].filter((p) => p.endsWith(".ts"));
  const program = ts.createProgram({ rootNames: roots, options, host });
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    if (!d.file) {
      findings.push({ check: "typescript-types", file: "tsconfig.json", message: `TS${d.code}: ${message}`, severity: "error" });
      continue;
    }
    if (!d.file.fileName.startsWith(`${base}/`)) continue;
    const line = d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1;
    const file = d.file.fileName.slice(base.length + 1);
    findings.push({ check: "typescript-types", file, line, message: `TS${d.code}: ${message}`, severity: "error" });
  }
  return findings;
}

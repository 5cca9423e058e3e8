import { spawn } from "node:child_process";
import type { Finding } from "./types";

/**
 * Python source is checked with `ast.parse` in one python3 process: the code is
 * parsed, never imported or executed.
 */

// Reads {path: source} as JSON on stdin and writes [{file, line, message}] for each file that does not parse.
const PARSE_ALL = `
import ast, json, sys
files = json.loads(sys.stdin.buffer.read().decode("utf-8"))
errors = []
for path, source in files.items():
    try:
        ast.parse(source, filename=path)
    except SyntaxError as e:
        errors.append({"file": path, "line": e.lineno, "message": e.msg})
    except ValueError as e:
        errors.append({"file": path, "line": None, "message": str(e)})
json.dump(errors, sys.stdout)
`;

/** Runs a Python script with `input` on stdin and returns its stdout (python3 -I: isolated mode). */
export function runPython(script: string, input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("python3", ["-I", "-c", script], { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`python3 exited with ${code}: ${err.slice(0, 500)}`))));
    child.stdin.on("error", () => undefined);
    child.stdin.end(input, "utf8");
  });
}

export async function checkPythonSyntax(files: Map<string, string>, python: "required" | "optional"): Promise<Finding[]> {
  if (files.size === 0) return [];
  try {
    const out = await runPython(PARSE_ALL, JSON.stringify(Object.fromEntries(files)));
    const errors = JSON.parse(out) as Array<{ file: string; line: number | null; message: string }>;
    return errors.map((e) => ({
      check: "python-syntax" as const,
      file: e.file,
      ...(e.line ? { line: e.line } : {}),
      message: `does not parse: ${e.message}`,
      severity: "error" as const,
    }));
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === "ENOENT";
    return [
      {
        check: "python-syntax",
        file: [...files.keys()][0]!,
        message: missing ? "python3 was not found, so Python syntax was not checked" : `Python check failed: ${(e as Error).message}`,
        severity: python === "required" ? "error" : "warning",
      },
    ];
  }
}

import type { Finding } from "./types";

/** The image's final stage must run as a non-root user; AgentCore images must be ARM64. */

type Instruction = { keyword: string; args: string; line: number };

/** Dockerfile instructions with continuation lines joined, comments and blanks dropped. */
export function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending: Instruction | undefined;
  text.split("\n").forEach((raw, i) => {
    const line = raw.replace(/\r$/, "");
    if (!pending && (/^\s*#/.test(line) || !line.trim())) return;
    const continued = /\\\s*$/.test(line);
    const body = line.replace(/\\\s*$/, "");
    if (pending) {
      if (!/^\s*#/.test(line)) pending.args += ` ${body.trim()}`;
    } else {
      const m = /^\s*([A-Za-z]+)\s*(.*)$/.exec(body);
      pending = { keyword: (m?.[1] ?? "").toUpperCase(), args: (m?.[2] ?? "").trim(), line: i + 1 };
    }
    if (!continued) {
      out.push(pending);
      pending = undefined;
    }
  });
  if (pending) out.push(pending);
  return out;
}

const ROOT_USERS = new Set(["root", "0"]);

export function checkDockerfile(path: string, text: string, target: string | undefined): Finding[] {
  const findings: Finding[] = [];
  const instructions = parseDockerfile(text);
  const froms = instructions.filter((i) => i.keyword === "FROM");
  const lastFrom = froms.at(-1);
  if (!lastFrom) {
    return [{ check: "dockerfile", file: path, line: 1, message: "has no FROM instruction", severity: "error" }];
  }
  const finalStage = instructions.filter((i) => i.line >= lastFrom.line);
  const user = finalStage.filter((i) => i.keyword === "USER").at(-1);
  if (!user) {
    findings.push({ check: "dockerfile", file: path, line: lastFrom.line, message: "the final stage has no USER: the container would run as root", severity: "error" });
  } else if (ROOT_USERS.has(user.args.split(":")[0]!.trim())) {
    findings.push({ check: "dockerfile", file: path, line: user.line, message: `runs as root (USER ${user.args})`, severity: "error" });
  }
  if (target === "agentcore") {
    for (const from of froms) {
      if (!/--platform=linux\/arm64\b/.test(from.args)) {
        findings.push({ check: "dockerfile", file: path, line: from.line, message: "AgentCore Runtime needs an ARM64 image: use FROM --platform=linux/arm64", severity: "error" });
      }
    }
  }
  return findings;
}

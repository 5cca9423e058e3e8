import type { Finding } from "./types";

/**
 * The image's final stage must run as a non-root user on a supported runtime, with the app
 * files owned by root (read-only to the agent); AgentCore images must be ARM64.
 */

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

const NPM_INSTALL = /\bnpm\s+(install|i|add)(\s|$)/;

/**
 * Dependencies in the image come from the lockfile: `npm install` resolves afresh at build time
 * (another image than the one tested). Whether the project has package-lock.json for `npm ci`
 * is the lockfile check's (verify/lockfile.ts).
 */
function checkNpmInstalls(path: string, instructions: Instruction[]): Finding[] {
  const findings: Finding[] = [];
  for (const run of instructions.filter((i) => i.keyword === "RUN")) {
    if (NPM_INSTALL.test(run.args) && !/--package-lock-only/.test(run.args)) {
      findings.push({ check: "dockerfile", file: path, line: run.line, message: "installs with `npm install`, which resolves versions afresh at build time: copy package-lock.json and use `npm ci`", severity: "error" });
    }
  }
  return findings;
}

export function checkDockerfile(path: string, text: string, target: string | undefined): Finding[] {
  const findings: Finding[] = [];
  const instructions = parseDockerfile(text);
  const froms = instructions.filter((i) => i.keyword === "FROM");
  const lastFrom = froms.at(-1);
  if (!lastFrom) {
    return [{ check: "dockerfile", file: path, line: 1, message: "has no FROM instruction", severity: "error" }];
  }
  findings.push(...checkNpmInstalls(path, instructions));
  const finalStage = instructions.filter((i) => i.line >= lastFrom.line);
  const user = finalStage.filter((i) => i.keyword === "USER").at(-1);
  if (!user) {
    findings.push({ check: "dockerfile", file: path, line: lastFrom.line, message: "the final stage has no USER: the container would run as root", severity: "error" });
  } else if (ROOT_USERS.has(user.args.split(":")[0]!.trim())) {
    findings.push({ check: "dockerfile", file: path, line: user.line, message: `runs as root (USER ${user.args})`, severity: "error" });
  }
  for (const copy of finalStage.filter((i) => i.keyword === "COPY" || i.keyword === "ADD")) {
    const owner = /--chown=([^\s:]+)/.exec(copy.args)?.[1];
    if (owner && !ROOT_USERS.has(owner)) {
      findings.push({ check: "dockerfile", file: path, line: copy.line, message: `app files are owned by '${owner}', so the running agent (or a file tool) can rewrite them: copy them as root`, severity: "error" });
    }
  }
  const from = /^(--platform=\S+\s+)?(\S+)/.exec(lastFrom.args)?.[2] ?? "";
  const node = /^node:(\d+)/.exec(from);
  if (node && Number(node[1]) < 22) findings.push({ check: "dockerfile", file: path, line: lastFrom.line, message: `${from} is past end of life: use Node 22 or 24 LTS`, severity: "error" });
  const python = /^python:3\.(\d+)/.exec(from);
  if (python && Number(python[1]) < 12) findings.push({ check: "dockerfile", file: path, line: lastFrom.line, message: `${from}: use Python 3.12 or later`, severity: "error" });
  if (target === "agentcore") {
    for (const from of froms) {
      if (!/--platform=linux\/arm64\b/.test(from.args)) {
        findings.push({ check: "dockerfile", file: path, line: from.line, message: "AgentCore Runtime needs an ARM64 image: use FROM --platform=linux/arm64", severity: "error" });
      }
    }
  }
  return findings;
}

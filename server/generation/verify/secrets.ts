import type { Finding } from "./types";

/** Finds credentials committed into generated files, and committed .env files. */

const PATTERNS: Array<{ name: string; re: RegExp }> = [
  { name: "an AWS access key id", re: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/ },
  { name: "an AWS secret access key", re: /aws_?secret_?access_?key["']?\s*[:=]\s*["']?[A-Za-z0-9/+=]{40}\b/i },
  { name: "an API token (sk-…)", re: /(?<![A-Za-z0-9_-])sk-(?:[A-Za-z0-9]+-){0,3}[A-Za-z0-9_]{20,}/ },
  { name: "a private key", re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/ },
  { name: "a GitHub token", re: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/ },
  { name: "a Slack token", re: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
];

const isEnvFile = (path: string) => /(^|\/)\.env(\.[^/]*)?$/.test(path) && !path.endsWith(".env.example");

export function scanSecrets(path: string, text: string): Finding[] {
  const findings: Finding[] = [];
  if (isEnvFile(path)) {
    findings.push({ check: "secrets", file: path, message: "a .env file must not be part of the project (use .env.example with names only)", severity: "error" });
  }
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    for (const { name, re } of PATTERNS) {
      if (re.test(line)) findings.push({ check: "secrets", file: path, line: i + 1, message: `contains ${name}`, severity: "error" });
    }
    if (path.endsWith(".env.example") && /^\s*[A-Za-z_][A-Za-z0-9_]*\s*=\s*\S/.test(line)) {
      findings.push({ check: "secrets", file: path, line: i + 1, message: ".env.example must list names only, without values", severity: "error" });
    }
  });
  return findings;
}

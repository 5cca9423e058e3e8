import { parse } from "yaml";
import type { Finding } from "./types";

/**
 * The generated CI: every action pinned by a commit SHA, and every variable scripts/deploy.sh
 * requires (`${NAME:?...}`) passed to the step that runs it. A deploy that cannot start is
 * found here, not in the user's first pipeline run.
 */

type Step = { uses?: string; run?: string; env?: Record<string, unknown> };
type Workflow = { jobs?: Record<string, { steps?: Step[] }> };

const PINNED = /@[0-9a-f]{40}$/;

export function requiredScriptVariables(script: string): string[] {
  return [...new Set([...script.matchAll(/\$\{([A-Z][A-Z0-9_]*):\?/g)].map((m) => m[1]!))];
}

export function checkWorkflow(path: string, text: string, deployScript: string | undefined): Finding[] {
  let workflow: Workflow;
  try {
    workflow = (parse(text) ?? {}) as Workflow;
  } catch {
    return []; // reported by the YAML check
  }
  const findings: Finding[] = [];
  const lines = text.split("\n");
  const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1 || undefined;
  const steps = Object.values(workflow.jobs ?? {}).flatMap((j) => j.steps ?? []);
  for (const s of steps) {
    if (s.uses && !s.uses.startsWith("./") && !s.uses.startsWith("docker://") && !PINNED.test(s.uses)) {
      findings.push({ check: "ci-workflow", file: path, line: lineOf(s.uses), message: `${s.uses} is pinned by a tag, not a commit SHA`, severity: "error" });
    }
  }
  if (!deployScript) return findings;
  const deploy = steps.find((s) => /scripts\/deploy\.sh/.test(s.run ?? ""));
  if (!deploy) return findings;
  for (const name of requiredScriptVariables(deployScript)) {
    if (deploy.env?.[name] === undefined) {
      findings.push({ check: "ci-workflow", file: path, line: lineOf("scripts/deploy.sh"), message: `the deploy step does not pass ${name}, which scripts/deploy.sh requires: the deploy job would stop`, severity: "error" });
    }
  }
  return findings;
}

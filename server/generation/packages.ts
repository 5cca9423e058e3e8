import { approvalToolIds } from "./approval";
import { DomainError } from "../errors";
import { gatewayServedApis } from "../spec/agent-spec";
import { intersect, isSatisfiable, parseRange } from "../registry/version-range";
import type { Feature, PinnedPackage } from "./template-manifest";
import type { ResolvedProject, ResolvedTool } from "./types";
import type { TemplateLayer } from "./template-set";

/**
 * Dependency lists of a generated project: the template layers' pinned packages plus
 * the selected tools' packages from the registry. Registry names and versions are
 * checked before they are written, since one line in requirements.txt is one package.
 */

export type Dependency = { name: string; version: string };
export type DependencySet = { runtime: Dependency[]; dev: Dependency[] };

const PIP_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*(\[[A-Za-z0-9,._-]+\])?$/;
const PIP_SPEC = /^(==|>=|<=|~=|!=|>|<)\s*[0-9A-Za-z.*+!-]+(\s*,\s*(==|>=|<=|~=|!=|>|<)\s*[0-9A-Za-z.*+!-]+)*$/;
const NPM_NAME = /^(@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/;
const NPM_RANGE = /^[0-9A-Za-z.^~<>=|*x+ -]+$/;

export function featureOn(project: ResolvedProject, feature: Feature): boolean {
  const { spec } = project;
  switch (feature) {
    case "always":
      return true;
    case "tracing":
      return spec.observability.tracing;
    case "secrets-manager":
      return spec.security.secretsSource === "secrets-manager";
    case "container":
      return spec.deployment.target !== "lambda";
    case "lambda":
      return spec.deployment.target === "lambda";
    case "api-tools":
      return (spec.apiTools ?? []).some((a) => a.exposure === "agent");
    case "api-gateway":
      return gatewayServedApis(spec).length > 0;
    case "approval":
      return approvalToolIds(project).length > 0;
  }
}

function pinned(project: ResolvedProject, layers: TemplateLayer[], key: keyof TemplateLayer["manifest"]["packages"]) {
  const out = new Map<string, Dependency>();
  for (const layer of layers) {
    for (const p of layer.manifest.packages[key] as PinnedPackage[]) {
      if (!featureOn(project, p.when)) continue;
      // A later layer may re-pin a package (e.g. a target layer needing a newer server).
      out.set(p.name, { name: p.name, version: p.version });
    }
  }
  return out;
}

function toolPackages(tool: ResolvedTool, language: "python" | "typescript"): Dependency[] {
  return tool.snippet.packages.map((p, i) => {
    const where = `Registry tool '${tool.entry.id}' ${language}.packages[${i}]`;
    const nameOk = language === "python" ? PIP_NAME.test(p.name) : NPM_NAME.test(p.name);
    if (!nameOk) throw new DomainError("invalid", `${where}.name '${p.name}' is not a valid package name`);
    const versionOk = language === "python" ? PIP_SPEC.test(p.version) : NPM_RANGE.test(p.version) && !p.version.includes("\n");
    if (!versionOk) throw new DomainError("invalid", `${where}.version '${p.version}' is not a valid version specifier`);
    return { name: p.name, version: p.version.replace(/\s+/g, language === "python" ? "" : " ") };
  });
}

/** True when an npm pin/range and another range have a version in common (or cannot be compared). */
function npmCompatible(a: string, b: string): boolean {
  try {
    return isSatisfiable(intersect(parseRange(a, "npm"), parseRange(b, "npm")));
  } catch {
    return false;
  }
}

const byName = (a: Dependency, b: Dependency) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Runtime and dev dependencies for the project's language, sorted by name. */
export function projectDependencies(project: ResolvedProject, layers: TemplateLayer[]): DependencySet {
  const language = project.spec.language;
  const runtime = pinned(project, layers, language === "python" ? "python" : "typescript");
  const dev = pinned(project, layers, language === "python" ? "pythonDev" : "typescriptDev");
  for (const tool of project.tools) {
    for (const dep of toolPackages(tool, language)) {
      const existing = runtime.get(dep.name);
      if (!existing) {
        runtime.set(dep.name, dep);
      } else if (existing.version !== dep.version) {
        if (language === "python" && !/^\d/.test(existing.version)) {
          // pip accepts several specifiers joined by commas: both constraints hold.
          const specs = new Set([...existing.version.split(","), ...dep.version.split(",")]);
          runtime.set(dep.name, { name: dep.name, version: [...specs].sort().join(",") });
        } else if (language === "python") {
          runtime.set(dep.name, { name: dep.name, version: [...new Set([`==${existing.version}`, ...dep.version.split(",")])].sort().join(",") });
        } else if (!npmCompatible(existing.version, dep.version)) {
          project.notes.push(`Package '${dep.name}' is pinned to ${existing.version}; tool '${tool.entry.id}' asked for ${dep.version}.`);
        }
      }
    }
  }
  return { runtime: [...runtime.values()].sort(byName), dev: [...dev.values()].sort(byName) };
}

/** One requirements.txt line: pinned template packages as `==x.y.z`, registry specifiers as given. */
export const pipLine = (d: Dependency) => (/^\d/.test(d.version) ? `${d.name}==${d.version}` : `${d.name}${d.version}`);

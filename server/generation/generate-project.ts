import { createHash } from "node:crypto";
import { DomainError } from "../errors";
import { BUILDERS } from "./builders";
import { contentHash, sortFiles } from "./content-hash";
import { agentPolicyStatements, requiredIamStatements } from "./iam";
import { compileTemplateSet, renderTemplate } from "./liquid-engine";
import { featureOn, projectDependencies } from "./packages";
import { buildRenderContext, projectEnvVars } from "./render-context";
import { resolveProject } from "./resolve";
import { snakeName } from "./serialize";
import type { BuilderId } from "./template-manifest";
import { loadTemplateSet, type TemplateLayer, type TemplateSet } from "./template-set";
import type { GeneratedProject, ProjectFiles, RegistryLookup, ResolvedProject } from "./types";

const CACHE_LIMIT = 64;
const cache = new Map<string, GeneratedProject>();

function layersFor(set: TemplateSet, project: ResolvedProject): TemplateLayer[] {
  const { language } = project.spec;
  const target = project.spec.deployment.target;
  return set.layers.filter(({ manifest: { appliesTo } }) =>
    (!appliesTo.languages || appliesTo.languages.includes(language)) && (!appliesTo.targets || appliesTo.targets.includes(target)),
  );
}

/** `__agentName__` tokens, then `_gitignore` → `.gitignore` (dotfiles are stored without the dot). */
function outputPath(path: string, project: ResolvedProject): string {
  return path
    .replace(/__agentName__/g, project.spec.name)
    .replace(/__agentModule__/g, snakeName(project.spec.name))
    .split("/")
    .map((part) => (/^_[a-z]/.test(part) ? `.${part.slice(1)}` : part))
    .join("/");
}

function render(project: ResolvedProject, set: TemplateSet): Omit<GeneratedProject, "contentHash"> {
  const layers = layersFor(set, project);
  const compiled = compileTemplateSet(set);
  const context = buildRenderContext(project);
  const files: ProjectFiles = new Map();
  for (const layer of layers) {
    for (const file of layer.files) {
      if (file.variant !== "common" && file.variant !== project.spec.language) continue;
      const feature = layer.manifest.conditionalFiles[file.source];
      if (feature && !featureOn(project, feature)) continue;
      const content = file.isTemplate ? renderTemplate(compiled, `${layer.manifest.id}/${file.source}`, context) : file.content;
      files.set(outputPath(file.outPath, project), content);
    }
  }
  const requiredIam = requiredIamStatements(project);
  const input = {
    project,
    deps: projectDependencies(project, layers),
    env: projectEnvVars(project),
    requiredIam,
    agentStatements: agentPolicyStatements(requiredIam),
  };
  const builders = new Set<BuilderId>(layers.flatMap((l) => l.manifest.builders));
  for (const id of builders) for (const [path, content] of BUILDERS[id](input)) files.set(path, content);
  return { files: sortFiles(files), templateVersion: set.version, notes: project.notes, requiredIam };
}

function cacheKey(project: ResolvedProject, set: TemplateSet): string {
  const registryUsed = { model: project.model.entry, tools: project.tools.map((t) => t.entry) };
  return createHash("sha256")
    .update(set.version)
    .update("\0")
    .update(JSON.stringify(project.spec))
    .update("\0")
    .update(JSON.stringify(registryUsed))
    .digest("hex");
}

const copy = (p: GeneratedProject): GeneratedProject => ({ ...p, files: new Map(p.files), notes: [...p.notes] });

/**
 * Generates the project for a spec: a pure, deterministic function of the spec, the
 * registry entries it uses and the template set (same inputs → same bytes and hash).
 * Results are cached in memory by that triple. Throws DomainError: `invalid` with the
 * missing/invalid fields, `not_found` for an unknown model or tool, `invalid` naming the
 * template and line when a template fails; nothing partial is returned.
 */
export function generateProject(spec: unknown, registry: RegistryLookup, templateSet?: TemplateSet): GeneratedProject {
  const set = templateSet ?? loadTemplateSet();
  const project = resolveProject(spec, registry);
  const key = cacheKey(project, set);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return copy(hit);
  }
  const rendered = render(project, set);
  if (rendered.files.size === 0) throw new DomainError("invalid", "The template set produced no files");
  const result = Object.freeze({ ...rendered, contentHash: contentHash(rendered.files) });
  cache.set(key, result);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return copy(result);
}

/** Empties the generation cache (tests and benchmarks measure cold runs with it). */
export function clearGenerationCache(): void {
  cache.clear();
}

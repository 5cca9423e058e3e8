import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { DomainError } from "../errors";
import { TemplateManifest } from "./template-manifest";

/** templates/project-files holds verbatim project files, not a layer (server/generation/project-files.ts). */
export const PROJECT_FILES_DIR = "project-files";

export type TemplateVariant = "common" | "python" | "typescript";

export type TemplateFile = {
  /** Path inside the layer, e.g. `python/app/agent.py.template`. */
  source: string;
  variant: TemplateVariant;
  /** Output path before tokens and dotfile names are applied, `.template` removed. */
  outPath: string;
  /** Rendered with liquid when true, copied verbatim otherwise. */
  isTemplate: boolean;
  content: string;
};

export type TemplateLayer = { manifest: TemplateManifest; files: TemplateFile[] };

/** A loaded, validated set of layers. Immutable; its `version` keys the generation cache. */
export type TemplateSet = { version: string; layers: TemplateLayer[] };

const VARIANTS: TemplateVariant[] = ["common", "python", "typescript"];
const TEMPLATE_SUFFIX = ".template";

function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? listFiles(path) : [path];
    });
}

// Comment markers per kind of file: user text never sits in a comment, so an output
// tag after a marker on the same line is refused when the templates load.
function commentMarker(outPath: string): string | null {
  if (/\.(py|sh|ya?ml|toml|txt)$/.test(outPath) || /(^|\/)(Dockerfile|_?gitignore|_?dockerignore)$/.test(outPath)) return "#";
  if (/\.(ts|js|mjs|cjs)$/.test(outPath)) return "//";
  return null;
}

/** Throws when an output tag follows a comment marker on the same line. */
export function lintTemplate(layerId: string, file: Pick<TemplateFile, "source" | "outPath" | "content">): void {
  const marker = commentMarker(file.outPath);
  if (!marker) return;
  file.content.split("\n").forEach((line, i) => {
    const tag = line.indexOf("{{");
    const comment = line.indexOf(marker);
    if (tag >= 0 && comment >= 0 && comment < tag) {
      throw new DomainError("invalid", `Template ${layerId}/${file.source} line ${i + 1}: output inside a comment`, {
        template: `${layerId}/${file.source}`,
        line: i + 1,
      });
    }
    if (line.includes("/*") && tag >= 0) {
      throw new DomainError("invalid", `Template ${layerId}/${file.source} line ${i + 1}: output near a block comment`, {
        template: `${layerId}/${file.source}`,
        line: i + 1,
      });
    }
  });
}

function loadLayer(root: string, manifestPath: string): TemplateLayer {
  const dir = resolve(manifestPath, "..");
  const layerName = relative(root, dir).split(sep).join("/");
  let manifest: TemplateManifest;
  try {
    manifest = TemplateManifest.parse(JSON.parse(readFileSync(manifestPath, "utf8")));
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new DomainError("invalid", `Template manifest ${layerName}/manifest.json is invalid: ${detail}`);
  }
  const files: TemplateFile[] = [];
  for (const variant of VARIANTS) {
    const vdir = join(dir, variant);
    if (!existsSync(vdir)) continue;
    for (const path of listFiles(vdir)) {
      const inVariant = relative(vdir, path).split(sep).join("/");
      const isTemplate = inVariant.endsWith(TEMPLATE_SUFFIX);
      const file: TemplateFile = {
        source: `${variant}/${inVariant}`,
        variant,
        outPath: isTemplate ? inVariant.slice(0, -TEMPLATE_SUFFIX.length) : inVariant,
        isTemplate,
        content: readFileSync(path, "utf8"),
      };
      files.push(file); // linted once, by createTemplateSet
    }
  }
  for (const source of Object.keys(manifest.conditionalFiles)) {
    if (!files.some((f) => f.source === source)) {
      throw new DomainError("invalid", `Template manifest ${layerName}/manifest.json: conditionalFiles names a missing file '${source}'`);
    }
  }
  return { manifest, files };
}

function versionOf(layers: TemplateLayer[]): string {
  const hash = createHash("sha256");
  for (const layer of layers) {
    hash.update(`${layer.manifest.id}@${layer.manifest.version}\n${JSON.stringify(layer.manifest)}\n`);
    for (const f of layer.files) hash.update(`${f.source}\n${f.content.length}\n${f.content}`);
  }
  return `tpl-${hash.digest("hex").slice(0, 16)}`;
}

/** Builds a template set from in-memory layers (tests, user-authored sets). */
export function createTemplateSet(layers: TemplateLayer[]): TemplateSet {
  for (const layer of layers) layer.files.filter((f) => f.isTemplate).forEach((f) => lintTemplate(layer.manifest.id, f));
  const sorted = [...layers].sort((a, b) => a.manifest.order - b.manifest.order || a.manifest.id.localeCompare(b.manifest.id));
  const ids = new Set<string>();
  for (const l of sorted) {
    if (ids.has(l.manifest.id)) throw new DomainError("invalid", `Template layer id '${l.manifest.id}' is used twice`);
    ids.add(l.manifest.id);
  }
  return Object.freeze({ version: versionOf(sorted), layers: sorted });
}

/** The templates directory of this checkout (or of the working directory when bundled). */
export function templatesRoot(): string {
  const here = typeof __dirname === "string" ? resolve(__dirname, "../../templates") : "";
  return here && existsSync(here) ? here : join(process.cwd(), "templates");
}

/**
 * A directory with a manifest.json is a layer; other directories are searched for layers,
 * except templates/project-files (verbatim files, see project-files.ts), which never is one.
 */
function findLayerDirs(dir: string, root = dir): string[] {
  if (existsSync(join(dir, "manifest.json"))) return [dir];
  return readdirSync(dir)
    .sort()
    .filter((name) => !(dir === root && name === PROJECT_FILES_DIR))
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isDirectory())
    .flatMap((path) => findLayerDirs(path, root));
}

const loaded = new Map<string, TemplateSet>();

/** Loads every layer under `root` (a directory holding manifest.json files); memoized per root. */
export function loadTemplateSet(root: string = templatesRoot()): TemplateSet {
  const cached = loaded.get(root);
  if (cached) return cached;
  if (!existsSync(root)) throw new DomainError("not_found", `Template directory '${root}' was not found`);
  const set = createTemplateSet(findLayerDirs(root).map((dir) => loadLayer(root, join(dir, "manifest.json"))));
  loaded.set(root, set);
  return set;
}

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { DomainError } from "../errors";
import { PROJECT_FILES_DIR, templatesRoot } from "./template-set";

/**
 * Whole files a generated project gets verbatim, kept as files under templates/project-files
 * (not TypeScript strings: they are other programs, e.g. evals/run-evals.mjs reads the
 * generated agent's own environment). That directory has no manifest.json, so it is never a template layer; its
 * files.json lists what it holds and is validated like a layer manifest.
 */

const RelativePath = z
  .string()
  .min(1)
  .max(200)
  .regex(/^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9._/-]+$/, "must be a relative path without '..'");
const ProjectFilesManifest = z.object({
  about: z.string().min(1),
  files: z.array(z.object({ path: RelativePath, description: z.string().min(1).max(500) })).min(1),
});
const Content = z.string().min(1).max(500_000).refine((s) => !s.includes("\u0000"), "contains a NUL byte");

const cache = new Map<string, string>();

function invalid(what: string, detail: string): DomainError {
  return new DomainError("invalid", `Template ${PROJECT_FILES_DIR}/${what} is invalid: ${detail}`);
}

/** The content of a listed project file (e.g. `evals/run-evals.mjs`); cached per root. */
export function projectFile(path: string, root: string = templatesRoot()): string {
  const key = `${root}\n${path}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const dir = join(root, PROJECT_FILES_DIR);
  let manifest: z.infer<typeof ProjectFilesManifest>;
  try {
    manifest = ProjectFilesManifest.parse(JSON.parse(readFileSync(join(dir, "files.json"), "utf8")));
  } catch (e) {
    throw invalid("files.json", e instanceof Error ? e.message : String(e));
  }
  if (!manifest.files.some((f) => f.path === path)) throw invalid("files.json", `it does not list '${path}'`);
  const file = join(dir, path);
  if (!existsSync(file)) throw invalid(path, "the file listed in files.json is missing");
  const parsed = Content.safeParse(readFileSync(file, "utf8"));
  if (!parsed.success) throw invalid(path, parsed.error.issues[0]?.message ?? "bad content");
  cache.set(key, parsed.data);
  return parsed.data;
}

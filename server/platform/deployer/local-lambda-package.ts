import { copyFileSync, existsSync, mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { arch, tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { buildProject, removeDir } from "../../generation/rehearse/runtime";
import { execCapped, tail } from "../../test-runs/prepare/exec";
import { installNpmDeps, parseNpmDependencies } from "../../test-runs/prepare/npm-deps";
import { filesFromVersion, type LoadedFiles } from "../../test-runs/prepare/project-files";
import type { LambdaPackageRequest } from "./types";

/**
 * The local deployer's CodeBuild: the steps of the generated scripts/package-lambda.sh run for
 * real on this machine, with the dependency cache the test runs and the deploy rehearsal use.
 * TypeScript: install the dependencies, build with the project's tsc, then package dist/,
 * package.json, package-lock.json and agent_config.json with production-only node_modules.
 * Python cannot be packaged here (PyPI is unreachable), and says so instead of pretending.
 */
export type LambdaPackage = { zip: Uint8Array; note: string | null };
export type LambdaPackager = (source: Uint8Array, input: Pick<LambdaPackageRequest, "language" | "architecture">) => Promise<LambdaPackage>;

/** What package-lambda.sh copies next to dist/ (package-lock.json and agent_config.json when the project has them). */
const PACKAGED_FILES = ["package.json", "package-lock.json", "agent_config.json"];
export const PYTHON_SKIPPED = "skipped: dependencies unavailable (Python packages cannot be installed on this machine): the sources were uploaded unpackaged";

async function unzip(bytes: Uint8Array): Promise<LoadedFiles> {
  const zip = await JSZip.loadAsync(bytes);
  const files = new Map<string, Uint8Array>();
  for (const entry of Object.values(zip.files)) if (!entry.dir) files.set(entry.name, await entry.async("uint8array"));
  return filesFromVersion(files);
}

/** The package directory: links to the build's dist/ and the production node_modules (zip follows links), copies of the listed files. */
function stagePackage(builtDir: string, prodNodeModules: string | null): string {
  const staging = mkdtempSync(join(tmpdir(), "agent-builder-lambda-"));
  symlinkSync(join(builtDir, "dist"), join(staging, "dist"), "dir");
  // The paths are a build directory's, known only at run time: nothing for the Next build to trace.
  for (const f of PACKAGED_FILES) {
    const from = join(/*turbopackIgnore: true*/ builtDir, f);
    if (existsSync(from)) copyFileSync(from, join(/*turbopackIgnore: true*/ staging, f));
  }
  if (prodNodeModules) symlinkSync(prodNodeModules, join(staging, "node_modules"), "dir");
  return staging;
}

const archNote = (wanted: LambdaPackageRequest["architecture"]) => {
  const host = arch() === "arm64" ? "arm64" : arch() === "x64" ? "x86_64" : arch();
  return host === wanted ? null : `packaged on this ${host} machine for an ${wanted} function: native modules, if any, are built for ${host}`;
};

export function localLambdaPackager(cacheRoot: string, timeoutMs = 180_000): LambdaPackager {
  return async (source, input) => {
    if (input.language === "python") return { zip: source, note: PYTHON_SKIPPED };
    const files = await unzip(source);
    if (!files.has("package.json")) throw new Error("the sources have no package.json, so package-lambda.sh cannot run");
    const built = await buildProject(files, cacheRoot, timeoutMs);
    if (!existsSync(join(built.dir, "dist"))) throw new Error("npm run build produced no dist/");
    const deps = parseNpmDependencies(readFileSync(join(built.dir, "package.json"), "utf8"));
    const prod = Object.keys(deps.dependencies).length > 0 ? await installNpmDeps(cacheRoot, { dependencies: deps.dependencies, devDependencies: {} }) : null;
    const staging = stagePackage(built.dir, prod ? join(prod.dir, "node_modules") : null);
    try {
      const out = join(staging, "..", `${staging.split("/").pop()}.zip`);
      const r = await execCapped("/usr/bin/zip", ["-qr", "-X", out, "."], { cwd: staging, env: { PATH: "/usr/bin:/bin" }, timeoutMs });
      if (r.code !== 0) throw new Error(`zip failed: ${tail(r.out, 5)}`);
      const zip = new Uint8Array(readFileSync(out));
      removeDir(out);
      return { zip, note: archNote(input.architecture) };
    } finally {
      removeDir(staging);
    }
  };
}

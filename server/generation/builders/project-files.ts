import { pipLine } from "../packages";
import { toJson, type BuildInput, type BuiltFile } from "./common";

/** agent-spec.json: the spec the project was generated from (regenerate from it byte for byte). */
export const buildAgentSpec = ({ project }: BuildInput): BuiltFile[] => [["agent-spec.json", toJson(project.spec)]];

/**
 * agent_config.json: what the generated code reads at start-up. Tool settings from the
 * user reach the agent only through this file (a serialized object), never as code.
 */
export function buildAgentConfig({ project }: BuildInput): BuiltFile[] {
  const { spec, model } = project;
  const config = {
    name: spec.name,
    model: {
      id: model.entry.id,
      provider: model.provider,
      baseUrl: model.baseUrl,
      region: spec.deployment.region,
      temperature: spec.model.temperature,
      maxTokens: spec.model.maxTokens,
      topP: spec.model.topP ?? null,
    },
    memory: spec.memory,
    security: spec.security,
    observability: spec.observability,
    tools: Object.fromEntries(
      project.tools.map((t) => [t.entry.id, { config: t.config, secretParams: t.secretParams }]),
    ),
  };
  return [["agent_config.json", toJson(config)]];
}

/** .env.example: variable names only, never values. */
export function buildEnvExample({ project, env }: BuildInput): BuiltFile[] {
  const oneLine = (s: string) => s.replace(/[^\x20-\x7e]+/g, " ").replace(/\s+/g, " ").trim();
  const lines = [
    "# Environment variables the agent reads. Names only: put values in your shell,",
    "# a local .env (never committed) or the AWS Secrets Manager secret named by AGENT_SECRET_ID.",
  ];
  for (const v of env) {
    lines.push("", `# ${oneLine(v.description)}${v.secret ? " (secret)" : ""}`, `${v.name}=`);
  }
  void project;
  return [[".env.example", `${lines.join("\n")}\n`]];
}

export function buildPythonRequirements({ deps }: BuildInput): BuiltFile[] {
  const header = "# Pinned by Agent Builder from its template manifests and tool registry.";
  return [
    ["requirements.txt", [header, ...deps.runtime.map(pipLine)].join("\n") + "\n"],
    ["requirements-dev.txt", ["-r requirements.txt", ...deps.dev.map(pipLine)].join("\n") + "\n"],
  ];
}

export function buildPackageJson({ project, deps }: BuildInput): BuiltFile[] {
  const { spec } = project;
  const scripts: Record<string, string> = {
    build: "tsc -p tsconfig.json",
    test: "tsc -p tsconfig.test.json && node --test .test-build/test/",
    "run-once": "node dist/run-once.js",
    // A test suite's cases in one process, one after another (Agent Builder's runner uses it).
    "run-suite": "node dist/run-suite.js",
  };
  if (spec.deployment.target === "lambda") scripts.package = "sh scripts/package-lambda.sh";
  else scripts.start = "node dist/server.js";
  const pkg = {
    name: spec.name,
    version: "0.1.0",
    private: true,
    description: spec.description,
    type: "module",
    engines: { node: ">=22" },
    scripts,
    dependencies: Object.fromEntries(deps.runtime.map((d) => [d.name, d.version])),
    devDependencies: Object.fromEntries(deps.dev.map((d) => [d.name, d.version])),
  };
  return [["package.json", toJson(pkg)]];
}

export const TS_COMPILER_OPTIONS = {
  target: "ES2022",
  lib: ["ES2024"],
  module: "NodeNext",
  moduleResolution: "NodeNext",
  strict: true,
  noUncheckedIndexedAccess: true,
  esModuleInterop: true,
  skipLibCheck: true,
  forceConsistentCasingInFileNames: true,
  types: ["node"],
  outDir: "dist",
  rootDir: "src",
  sourceMap: true,
};

export function buildTsconfig(): BuiltFile[] {
  return [
    ["tsconfig.json", toJson({ compilerOptions: TS_COMPILER_OPTIONS, include: ["src"] })],
    [
      "tsconfig.test.json",
      toJson({ extends: "./tsconfig.json", compilerOptions: { outDir: ".test-build", rootDir: "." }, include: ["src", "test"] }),
    ],
  ];
}

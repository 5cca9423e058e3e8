import { z } from "zod";

/**
 * The manifest.json of one template layer. Layers are applied in `order` (base →
 * language → deployment target); a later layer's file replaces an earlier one at the
 * same output path. A layer's files live beside the manifest in `common/`, `python/`
 * and `typescript/` (the last two only for that language).
 */

export const Feature = z.enum(["always", "tracing", "secrets-manager", "container", "lambda", "api-tools", "api-gateway", "approval"]);
export type Feature = z.infer<typeof Feature>;

export const PinnedPackage = z.object({
  name: z.string().regex(/^(@[a-z0-9][a-z0-9._-]*\/)?[A-Za-z0-9][A-Za-z0-9._-]*(\[[A-Za-z0-9,._-]+\])?$/),
  /** An exact version: generated projects install what was tested. */
  version: z.string().regex(/^\d+\.\d+\.\d+([.-][0-9A-Za-z.-]+)?$/, "pin an exact version"),
  when: Feature.default("always"),
  /** Where the version was read (registry listing, lockfile, ...) and when. */
  source: z.string().min(1),
  asOf: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/),
});
export type PinnedPackage = z.infer<typeof PinnedPackage>;

/** Files that are built as objects and serialized by a builder in server/generation/builders. */
export const BuilderId = z.enum([
  "agent-spec",
  "agent-config",
  "env-example",
  "python-requirements",
  "package-json",
  "tsconfig",
  "github-workflow",
  "agentcore-project",
  "cloudformation-agentcore",
  "cloudformation-ecs-fargate",
  "ecs-task-definition",
  "cloudformation-lambda",
  "terraform-agentcore",
  "terraform-ecs-fargate",
  "terraform-lambda",
  "api-tools",
]);
export type BuilderId = z.infer<typeof BuilderId>;

export const TemplateManifest = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9/-]*$/),
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
    description: z.string().min(1),
    order: z.number().int().min(0).max(1000),
    appliesTo: z
      .object({
        languages: z.array(z.enum(["python", "typescript"])).min(1).optional(),
        targets: z.array(z.enum(["agentcore", "ecs-fargate", "lambda"])).min(1).optional(),
      })
      .strict(),
    packages: z
      .object({
        python: z.array(PinnedPackage).default([]),
        pythonDev: z.array(PinnedPackage).default([]),
        typescript: z.array(PinnedPackage).default([]),
        typescriptDev: z.array(PinnedPackage).default([]),
      })
      .strict()
      .default({ python: [], pythonDev: [], typescript: [], typescriptDev: [] }),
    /** Template files rendered only when a feature is on, by source path within the layer. */
    conditionalFiles: z.record(z.string(), Feature).default({}),
    builders: z.array(BuilderId).default([]),
  })
  .strict();
export type TemplateManifest = z.infer<typeof TemplateManifest>;

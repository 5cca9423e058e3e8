/**
 * Code generation: an AgentSpec (+ registry lookups + template set) → a verified,
 * deployable project. Routers, workers and the CLI call these functions.
 */
export { generateProject, clearGenerationCache } from "./generate-project";
export { resolveProject, parseSpecOrThrow } from "./resolve";
export { requiredIamStatements } from "./iam";
export { loadTemplateSet, createTemplateSet, type TemplateSet } from "./template-set";
export { contentHash, sortFiles } from "./content-hash";
export { zipProject } from "./zip";
export { verifyProject } from "./verify/verify-project";
export type { Finding, VerificationResult, VerifyOptions } from "./verify/types";
export type { GeneratedProject, ProjectFiles, RegistryLookup, FileContent } from "./types";
export { requiredIamForSpec } from "./verify/required-iam";

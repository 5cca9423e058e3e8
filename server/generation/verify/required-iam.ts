import type { IamStatement } from "../../registry/schema";
import { requiredIamStatements } from "../iam";
import { resolveProject } from "../resolve";
import type { RegistryLookup } from "../types";

/** The IAM statements a project generated from `spec` must carry (for verifying a project on disk). */
export const requiredIamForSpec = (spec: unknown, registry: RegistryLookup): IamStatement[] =>
  requiredIamStatements(resolveProject(spec, registry));

import type { LambdaPackageRequest, StackEvent } from "../platform/deployer/types";
import { LAMBDA_PACKAGE_PREFIX } from "./bootstrap";
import type { CfnTemplate } from "./plan/iac";

/**
 * What a Lambda deploy must build before its change set: Lambda runs the ZIP that the
 * project's scripts/package-lambda.sh makes (dependencies installed, TypeScript built, Python
 * packages vendored), never the sources. Read from the template itself: a function whose
 * Code.S3Key is the CodeKey parameter, its Runtime (language) and Architectures.
 */
export type LambdaPackageNeed = Pick<LambdaPackageRequest, "language" | "architecture">;

const record = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export function lambdaPackageOf(template: CfnTemplate): LambdaPackageNeed | null {
  for (const r of template.resources) {
    if (r.type !== "AWS::Lambda::Function") continue;
    const code = record(r.properties.Code);
    if (record(code.S3Key).Ref !== "CodeKey") continue;
    const runtime = String(r.properties.Runtime ?? "");
    const language = runtime.startsWith("python") ? "python" : runtime.startsWith("nodejs") ? "typescript" : null;
    if (!language) continue;
    const architectures = Array.isArray(r.properties.Architectures) ? r.properties.Architectures : [];
    // Lambda's default architecture is x86_64 when the template names none.
    return { language, architecture: architectures[0] === "arm64" ? "arm64" : "x86_64" };
  }
  return null;
}

/** Where the package goes: per stack, source content and architecture, under the prefix the build role may write. */
export const lambdaPackageKey = (stackName: string, contentHash: string, need: LambdaPackageNeed) =>
  `${LAMBDA_PACKAGE_PREFIX}${stackName}/${contentHash}-${need.language}-${need.architecture}.zip`;

export type PackageStatus = "PACKAGE_IN_PROGRESS" | "PACKAGE_COMPLETE" | "PACKAGE_SKIPPED" | "PACKAGE_FAILED";

/** The packaging step as a timeline entry, beside CloudFormation's own events. */
export function packageTimelineEvent(deploymentId: string, status: PackageStatus, reason: string | null, at = new Date()): StackEvent {
  return { id: `${deploymentId}-lambda-package-${status}`, timestamp: at.toISOString(), logicalId: "LambdaPackage", type: "AgentBuilder::Lambda::Package", status, reason };
}

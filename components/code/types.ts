import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "~/server/api/root";

/** What the generation router answers, inferred so the tab never drifts from the API. */
type Outputs = inferRouterOutputs<AppRouter>["generation"];
export type VersionSummary = Outputs["listVersions"][number];
export type VersionWithFiles = Outputs["get"];
export type VersionFile = VersionWithFiles["files"][number];
export type VersionDiff = Outputs["diff"];
export type FileDiff = VersionDiff["files"][number];
export type Verification = NonNullable<VersionSummary["verification"]>;
export type Finding = Verification["checks"][number];

/** A place in the project to show: a file and, for a finding, its 1-based line. */
export type FileTarget = { path: string; line?: number };

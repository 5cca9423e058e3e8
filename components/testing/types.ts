import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "~/server/api/root";
import type { ModelServed, RunEvent, RunStatus } from "~/server/test-runs/types";

type Outputs = inferRouterOutputs<AppRouter>["testing"];
export type RunSummary = Outputs["list"][number];
export type RunDetail = Outputs["get"];
export type TestCaseView = Outputs["cases"]["list"][number];
export type SuitePoint = Outputs["suite"]["history"][number];
export type CaseDraftView = Outputs["cases"]["synthesize"]["cases"][number];
export type VersionComparisonView = Outputs["suite"]["compare"];
export type { ModelServed, RunEvent, RunStatus };

export const isFinished = (status: string) => status !== "queued" && status !== "running";

/** How each status reads and looks; limits say which limit. */
export const STATUS: Record<RunStatus, { label: string; tone: string }> = {
  queued: { label: "queued", tone: "bg-slate-100 text-slate-600" },
  running: { label: "running", tone: "bg-brand-50 text-brand-700" },
  succeeded: { label: "succeeded", tone: "bg-emerald-50 text-emerald-700" },
  failed: { label: "failed", tone: "bg-red-50 text-red-700" },
  timeout: { label: "time limit", tone: "bg-amber-50 text-amber-800" },
  memory_limit: { label: "memory limit", tone: "bg-amber-50 text-amber-800" },
  cpu_limit: { label: "CPU limit", tone: "bg-amber-50 text-amber-800" },
  process_limit: { label: "process limit", tone: "bg-amber-50 text-amber-800" },
  file_size_limit: { label: "file-size limit", tone: "bg-amber-50 text-amber-800" },
  output_limit: { label: "output limit", tone: "bg-amber-50 text-amber-800" },
  dependencies_failed: { label: "dependencies failed", tone: "bg-red-50 text-red-700" },
  build_failed: { label: "build failed", tone: "bg-red-50 text-red-700" },
  error: { label: "error", tone: "bg-red-50 text-red-700" },
};

export const statusOf = (s: string) => STATUS[s as RunStatus] ?? { label: s, tone: "bg-slate-100 text-slate-600" };

export const ms = (v: number | null | undefined) => (v === null || v === undefined ? "–" : v < 1000 ? `${v} ms` : `${(v / 1000).toFixed(2)} s`);
export const tokens = (i: number | null, o: number | null) => (i === null || o === null ? "–" : `${i.toLocaleString("en-US")} / ${o.toLocaleString("en-US")}`);
export const usd = (v: number | null) => (v === null ? "–" : v < 0.01 ? `$${v.toFixed(6)}` : `$${v.toFixed(4)}`);
export const isMock = (modelUsed: string) => modelUsed === "mock";

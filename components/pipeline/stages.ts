import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "~/server/api/root";

export type ModificationView = inferRouterOutputs<AppRouter>["modification"]["list"][number];
export type StageState = "waiting" | "active" | "done" | "failed" | "skipped";
export const STAGES = [
  { id: "pm", label: "PM", what: "plans the change" },
  { id: "dev", label: "Dev", what: "generates the code" },
  { id: "qa", label: "QA", what: "verifies it" },
  { id: "ops", label: "Ops", what: "packages a version" },
] as const;

const ACTIVE_INDEX: Record<string, number> = { queued: -1, "needs-input": 0, planning: 0, developing: 1, verifying: 2, packaging: 3, done: 4 };

/** Where a modification is in PM → Dev → QA → Ops, for the live pipeline view. */
export function stageStates(m: ModificationView): StageState[] {
  if (m.status === "cancelled") return STAGES.map(() => "skipped");
  // Nothing to change is the PM's finished answer, not a failure: the other roles had no work.
  if (m.status === "no-change") return STAGES.map((_, i) => (i === 0 ? "done" : "skipped"));
  if (m.status === "failed") {
    const failedAt = !m.plan ? 0 : m.qa.at(-1)?.ok === false ? 2 : m.dev.length === 0 ? 1 : 3;
    return STAGES.map((_, i) => (i < failedAt ? "done" : i === failedAt ? "failed" : "skipped"));
  }
  const at = ACTIVE_INDEX[m.status] ?? -1;
  return STAGES.map((_, i) => (i < at ? "done" : i === at ? "active" : "waiting"));
}

export const isFinished = (m: ModificationView) => ["done", "failed", "cancelled", "no-change"].includes(m.status);

export function elapsed(m: ModificationView, now: number | null): string {
  if (!isFinished(m) && now === null) return "…"; // before hydration: no clock yet (see useClock)
  const end = isFinished(m) ? new Date(m.updatedAt).getTime() : now!;
  const s = Math.max(0, (end - new Date(m.createdAt).getTime()) / 1000);
  return s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

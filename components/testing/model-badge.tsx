import { cn } from "../ui/cn";
import { isMock } from "./types";

/** The model a run used; mock runs are labelled plainly so nobody takes them for real answers. */
export function ModelBadge({ label, className }: { label: string; className?: string }) {
  return isMock(label) ? (
    <span data-testid="mock-badge" title="Answers come from the built-in mock model, not a real LLM" className={cn("rounded bg-amber-100 px-1.5 py-0.5 text-[11px] font-bold tracking-wide text-amber-800", className)}>
      MOCK MODEL
    </span>
  ) : (
    <span className={cn("rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-medium text-slate-700", className)}>{label}</span>
  );
}

import { Button } from "../ui/button";
import { cn } from "../ui/cn";

/** What a model item can do; shared by the list, the grid, the recommendations and the comparison. */
export type ModelActions = {
  selectedId: string | null;
  /** The model being saved right now, to show a spinner on its button only. */
  pendingId: string | null;
  use: (modelId: string) => void;
  compareIds: readonly string[];
  toggleCompare: (modelId: string) => void;
  compareLimit: number;
};

export function UseModelButton({ id, actions, className }: { id: string; actions: ModelActions; className?: string }) {
  if (actions.selectedId === id) {
    return <span className={cn("inline-flex items-center rounded-md bg-emerald-50 px-3 py-1.5 text-sm font-medium text-emerald-800", className)}>Selected</span>;
  }
  return (
    <Button className={cn("px-3 py-1.5", className)} busy={actions.pendingId === id} disabled={actions.pendingId !== null} onClick={() => actions.use(id)}>
      Use this model
    </Button>
  );
}

export function CompareToggle({ id, name, actions }: { id: string; name: string; actions: ModelActions }) {
  const checked = actions.compareIds.includes(id);
  const full = !checked && actions.compareIds.length >= actions.compareLimit;
  return (
    <label className={cn("inline-flex items-center gap-1.5 text-sm", full ? "text-slate-400" : "text-slate-700")} title={full ? `Compare at most ${actions.compareLimit} models` : undefined}>
      <input type="checkbox" className="size-4 accent-brand-600" checked={checked} disabled={full} onChange={() => actions.toggleCompare(id)} aria-label={`Compare ${name}`} />
      Compare
    </label>
  );
}

import { cn } from "../ui/cn";
import { fieldLabel } from "./spec-fields";

type Props = { completeness: number; missing: string[]; /** Missing paths in the user's words, from the server. */ labels?: Record<string, string> };

/** The spec's completeness score as a bar, and the missing fields, most important first. */
export function CompletenessMeter({ completeness, missing, labels = {} }: Props) {
  const percent = Math.round(completeness * 100);
  const complete = completeness >= 1;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-baseline justify-between text-sm">
        <span className="font-medium text-slate-700">{complete ? "Spec complete" : "Spec completeness"}</span>
        <span className={cn("font-semibold tabular-nums", complete ? "text-emerald-600" : "text-slate-700")} data-testid="completeness">{percent}%</span>
      </div>
      <div role="progressbar" aria-label="Spec completeness" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-2 overflow-hidden rounded-full bg-slate-100">
        <div className={cn("h-full rounded-full transition-[width] duration-500", complete ? "bg-emerald-500" : "bg-brand-600")} style={{ width: `${percent}%` }} />
      </div>
      {missing.length > 0 && (
        <p className="text-xs text-slate-500" data-testid="missing-fields">
          Still needed: {missing.map((p, i) => <span key={p} className={i === 0 ? "font-semibold text-slate-700" : undefined}>{labels[p] ?? fieldLabel(p)}{i < missing.length - 1 ? ", " : ""}</span>)}
        </p>
      )}
    </div>
  );
}

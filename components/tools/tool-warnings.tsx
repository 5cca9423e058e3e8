import { TriangleAlert } from "lucide-react";
import type { ToolSummary } from "~/server/api/routers/registry";
import type { ToolConflict } from "~/server/registry/errors";
import type { ToolWarning } from "~/server/registry/tools";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";

type Props = {
  warnings: readonly ToolWarning[];
  conflicts: readonly ToolConflict[];
  unavailable: readonly { toolId: string; reason: string; alternatives: string[] }[];
  byId: ReadonlyMap<string, ToolSummary>;
  onSwap: (fromId: string, toId: string) => void;
  onRemove: (id: string) => void;
};

const SEVERITY: Record<ToolWarning["severity"], { label: string; style: string }> = {
  unsupported: { label: "Not supported", style: "border-red-200 bg-red-50 text-red-900" },
  deprecated: { label: "Deprecated", style: "border-amber-200 bg-amber-50 text-amber-900" },
  caveat: { label: "Note", style: "border-slate-200 bg-slate-50 text-slate-700" },
};

function Alternatives({ fromId, ids, byId, onSwap }: { fromId: string; ids: readonly string[]; byId: Props["byId"]; onSwap: Props["onSwap"] }) {
  if (ids.length === 0) return null;
  return (
    <div className="mt-2 flex flex-wrap gap-2">
      {ids.map((alt) => (
        <Button key={alt} variant="secondary" className="px-2.5 py-1 text-xs" onClick={() => onSwap(fromId, alt)} data-testid="use-alternative">
          Use {byId.get(alt)?.name ?? alt}
        </Button>
      ))}
    </div>
  );
}

/** Conflicts (which block saving), then platform and language warnings, each with one-click alternatives. */
export function ToolWarnings({ warnings, conflicts, unavailable, byId, onSwap, onRemove }: Props) {
  const name = (id: string) => byId.get(id)?.name ?? id;
  if (warnings.length === 0 && conflicts.length === 0 && unavailable.length === 0) return null;
  return (
    <div className="flex flex-col gap-2" data-testid="tool-warnings">
      {conflicts.map((c, i) => (
        <div key={`c${i}`} role="alert" className="rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="tool-conflict">
          <p className="flex items-center gap-1.5 font-medium"><TriangleAlert className="size-4" aria-hidden /> Conflict</p>
          {c.kind === "tools" ? (
            <>
              <p>{name(c.tools[0])} and {name(c.tools[1])} cannot be combined: {c.reason}</p>
              <div className="mt-2 flex flex-wrap gap-2">
                {c.tools.map((id) => (
                  <Button key={id} variant="secondary" className="px-2.5 py-1 text-xs" onClick={() => onRemove(id)}>Remove {name(id)}</Button>
                ))}
              </div>
            </>
          ) : (
            <p>
              Package <code>{c.package}</code>: {c.reason} ({c.constraints.map((x) => `${name(x.toolId)} needs ${x.version}`).join("; ")})
            </p>
          )}
        </div>
      ))}
      {warnings.map((w) => (
        <div key={`${w.toolId}-${w.severity}`} className={cn("rounded-lg border px-3 py-2 text-sm", SEVERITY[w.severity].style)} data-testid="tool-warning" data-tool-id={w.toolId} data-severity={w.severity}>
          <p><span className="font-medium">{SEVERITY[w.severity].label}: {name(w.toolId)}</span> — {w.reason}</p>
          <Alternatives fromId={w.toolId} ids={w.alternatives} byId={byId} onSwap={onSwap} />
        </div>
      ))}
      {unavailable.map((u) => (
        <div key={`u-${u.toolId}`} className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="tool-unavailable">
          <p><span className="font-medium">Not available: {name(u.toolId)}</span> — {u.reason}</p>
          <Alternatives fromId={u.toolId} ids={u.alternatives} byId={byId} onSwap={onSwap} />
        </div>
      ))}
    </div>
  );
}

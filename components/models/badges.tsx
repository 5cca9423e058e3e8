import { Check, CircleHelp, Star, X } from "lucide-react";
import type { ModelCapabilities } from "~/server/registry/schema";
import { cn } from "../ui/cn";
import { CAPABILITIES, providerLabel } from "./format";

export function RecommendedBadge() {
  return (
    <span className="inline-flex items-center gap-1 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-800" data-testid="recommended-badge">
      <Star className="size-3" aria-hidden /> Recommended
    </span>
  );
}

const STATUS_STYLE: Record<string, string> = {
  legacy: "bg-slate-200 text-slate-700",
  deprecated: "bg-red-100 text-red-800",
};

/** Active is the norm and shows nothing; legacy and deprecated are called out. */
export function StatusBadge({ status }: { status: "active" | "legacy" | "deprecated" }) {
  if (status === "active") return null;
  return <span className={cn("rounded-full px-2 py-0.5 text-xs font-medium capitalize", STATUS_STYLE[status])}>{status}</span>;
}

export function ProviderBadge({ provider }: { provider: Parameters<typeof providerLabel>[0] }) {
  return <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-700">{providerLabel(provider)}</span>;
}

/** Each capability as yes / no / unknown, so an unknown flag is never shown as missing support. */
export function CapabilityChips({ capabilities, className }: { capabilities: ModelCapabilities; className?: string }) {
  return (
    <ul className={cn("flex flex-wrap gap-1", className)} aria-label="Capabilities">
      {CAPABILITIES.map(({ id, label }) => {
        const v = capabilities[id];
        const state = v === null ? "unknown" : v ? "yes" : "no";
        return (
          <li
            key={id}
            title={`${label}: ${state}`}
            className={cn(
              "inline-flex items-center gap-0.5 rounded px-1.5 py-0.5 text-[11px]",
              v === true && "bg-emerald-50 text-emerald-800",
              v === false && "bg-slate-100 text-slate-400 line-through",
              v === null && "bg-slate-50 text-slate-500 italic",
            )}
          >
            {v === true ? <Check className="size-3" aria-hidden /> : v === false ? <X className="size-3" aria-hidden /> : <CircleHelp className="size-3" aria-hidden />}
            {label}
            <span className="sr-only">: {state}</span>
          </li>
        );
      })}
    </ul>
  );
}

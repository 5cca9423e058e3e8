import { LayoutGrid, List } from "lucide-react";
import type { Capability, ModelProvider } from "~/server/registry/schema";
import { cn } from "../ui/cn";
import { Field } from "../ui/input";
import { CAPABILITIES, numberOrUndefined, PROVIDERS } from "./format";
import type { ModelView } from "./model-list";

export type ModelFilterState = {
  search: string;
  provider: ModelProvider | "";
  status: "active" | "legacy" | "deprecated" | "";
  maxInputPrice: string;
  minContext: string;
  capabilities: Capability[];
  recommendedOnly: boolean;
};

export const EMPTY_FILTERS: ModelFilterState = { search: "", provider: "", status: "", maxInputPrice: "", minContext: "", capabilities: [], recommendedOnly: false };

/** The filter form's state as `registry.models.list` input; unset fields are left out. */
export function filterInput(f: ModelFilterState, search: string) {
  return {
    ...(search.trim() && { search: search.trim() }),
    ...(f.provider && { provider: f.provider }),
    ...(f.status && { status: f.status }),
    ...(f.maxInputPrice.trim() && { maxInputPrice: numberOrUndefined(f.maxInputPrice) }),
    ...(f.minContext && { minContext: Number(f.minContext) }),
    ...(f.capabilities.length > 0 && { capabilities: f.capabilities }),
    ...(f.recommendedOnly && { recommendedOnly: true }),
  };
}

const CONTEXT_OPTIONS = [
  ["", "Any"],
  ["32000", "32K+"],
  ["128000", "128K+"],
  ["200000", "200K+"],
  ["1000000", "1M+"],
] as const;

const selectClass = "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs outline-none focus:ring-2 focus:ring-brand-500";

type Props = {
  value: ModelFilterState;
  onChange: (next: ModelFilterState) => void;
  view: ModelView;
  onView: (v: ModelView) => void;
  priceError: string | null;
};

export function ModelFilters({ value, onChange, view, onView, priceError }: Props) {
  const set = <K extends keyof ModelFilterState>(key: K, v: ModelFilterState[K]) => onChange({ ...value, [key]: v });
  const toggleCapability = (c: Capability) =>
    set("capabilities", value.capabilities.includes(c) ? value.capabilities.filter((x) => x !== c) : [...value.capabilities, c]);

  return (
    <div className="flex flex-col gap-3">
      <div className="grid grid-cols-2 items-start gap-3 md:grid-cols-6">
        <Field className="col-span-2" label="Search models" type="search" placeholder="Name, id, vendor or family" value={value.search} onChange={(e) => set("search", e.target.value)} />
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
          Provider
          <select className={selectClass} value={value.provider} onChange={(e) => set("provider", e.target.value as ModelFilterState["provider"])}>
            <option value="">All providers</option>
            {PROVIDERS.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
          Status
          <select className={selectClass} value={value.status} onChange={(e) => set("status", e.target.value as ModelFilterState["status"])}>
            <option value="">Any status</option>
            <option value="active">Active</option>
            <option value="legacy">Legacy</option>
            <option value="deprecated">Deprecated</option>
          </select>
        </label>
        <Field label="Max input $ / 1M" type="number" min={0} step="0.01" inputMode="decimal" value={value.maxInputPrice} onChange={(e) => set("maxInputPrice", e.target.value)} error={priceError} />
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
          Min context
          <select className={selectClass} value={value.minContext} onChange={(e) => set("minContext", e.target.value)}>
            {CONTEXT_OPTIONS.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
          </select>
        </label>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm text-slate-600">Needs:</span>
        {CAPABILITIES.map(({ id, label }) => (
          <button
            key={id}
            type="button"
            aria-pressed={value.capabilities.includes(id)}
            onClick={() => toggleCapability(id)}
            className="rounded-full border border-slate-300 px-2.5 py-1 text-xs text-slate-700 hover:bg-slate-50 aria-pressed:border-brand-600 aria-pressed:bg-brand-50 aria-pressed:text-brand-700"
          >
            {label}
          </button>
        ))}
        <label className="ml-2 inline-flex items-center gap-1.5 text-sm text-slate-700">
          <input type="checkbox" className="size-4 accent-brand-600" checked={value.recommendedOnly} onChange={(e) => set("recommendedOnly", e.target.checked)} />
          Recommended only
        </label>
        <div className="ml-auto flex rounded-md ring-1 ring-slate-300" role="group" aria-label="View">
          {([["list", List, "List view"], ["grid", LayoutGrid, "Grid view"]] as const).map(([id, Icon, label]) => (
            <button
              key={id}
              type="button"
              aria-pressed={view === id}
              aria-label={label}
              title={label}
              onClick={() => onView(id)}
              className={cn("px-2.5 py-1.5 text-slate-600 first:rounded-l-md last:rounded-r-md", view === id ? "bg-brand-600 text-white" : "hover:bg-slate-50")}
            >
              <Icon className="size-4" aria-hidden />
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}

import type { ModelSummary } from "~/server/api/routers/registry";
import { CapabilityChips, ProviderBadge, RecommendedBadge, StatusBadge } from "./badges";
import { formatPrice, formatTokens } from "./format";
import { CompareToggle, UseModelButton, type ModelActions } from "./model-actions";

function Title({ model }: { model: ModelSummary }) {
  return (
    <div className="min-w-0">
      <div className="flex flex-wrap items-center gap-1.5">
        <span className="font-medium text-slate-900">{model.name}</span>
        {model.recommended && <RecommendedBadge />}
        <StatusBadge status={model.status} />
      </div>
      <code className="block truncate text-xs text-slate-500" title={model.id}>{model.id}</code>
    </div>
  );
}

function Facts({ model, className }: { model: ModelSummary; className?: string }) {
  const facts = [
    ["Context", formatTokens(model.contextWindow)],
    ["Max output", formatTokens(model.maxOutputTokens)],
    ["Input / 1M", formatPrice(model.pricing.inputPer1M)],
    ["Output / 1M", formatPrice(model.pricing.outputPer1M)],
  ] as const;
  return (
    <dl className={className}>
      {facts.map(([label, value]) => (
        <div key={label} className="min-w-0">
          <dt className="text-[11px] uppercase tracking-wide text-slate-400">{label}</dt>
          <dd className={value === "unknown" ? "text-sm italic text-slate-500" : "text-sm text-slate-800 tabular-nums"}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One model as a row of the list view. */
export function ModelRow({ model, actions }: { model: ModelSummary; actions: ModelActions }) {
  return (
    <div className="flex items-center gap-4 border-b border-slate-100 px-4 py-3" data-testid="model-item" data-model-id={model.id}>
      <div className="w-72 shrink-0">
        <Title model={model} />
        <div className="mt-1"><ProviderBadge provider={model.provider} /></div>
      </div>
      <div className="min-w-0 flex-1">
        <Facts model={model} className="grid grid-cols-4 gap-2" />
        <CapabilityChips capabilities={model.capabilities} className="mt-1.5" />
      </div>
      <div className="flex shrink-0 flex-col items-end gap-2">
        <UseModelButton id={model.id} actions={actions} />
        <CompareToggle id={model.id} name={model.name} actions={actions} />
      </div>
    </div>
  );
}

/** One model as a card of the grid view. */
export function ModelCard({ model, actions }: { model: ModelSummary; actions: ModelActions }) {
  return (
    <div className="flex h-full flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4" data-testid="model-item" data-model-id={model.id}>
      <Title model={model} />
      <div><ProviderBadge provider={model.provider} /></div>
      <Facts model={model} className="grid grid-cols-2 gap-2" />
      <CapabilityChips capabilities={model.capabilities} />
      <div className="mt-auto flex items-center justify-between gap-2 pt-1">
        <CompareToggle id={model.id} name={model.name} actions={actions} />
        <UseModelButton id={model.id} actions={actions} />
      </div>
    </div>
  );
}

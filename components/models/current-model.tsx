import type { ProjectSelection } from "~/server/registry/selections";
import { Card } from "../ui/card";
import { ProviderBadge, RecommendedBadge } from "./badges";
import { formatPrice, formatTokens } from "./format";

/** The model the project uses now, as saved. */
export function CurrentModel({ model }: { model: ProjectSelection["model"] }) {
  return (
    <Card className="flex flex-wrap items-center gap-x-6 gap-y-2" data-testid="current-model">
      <div className="min-w-0 flex-1">
        <p className="text-xs uppercase tracking-wide text-slate-400">Selected model</p>
        {model === null ? (
          <p className="text-slate-600">None yet: pick a recommended model below, or browse the registry.</p>
        ) : (
          <>
            <div className="flex flex-wrap items-center gap-1.5">
              <span className="text-lg font-semibold" data-testid="current-model-name">{model.entry?.name ?? model.id}</span>
              {model.entry?.recommended && <RecommendedBadge />}
              {model.entry && <ProviderBadge provider={model.entry.provider} />}
            </div>
            <code className="text-xs text-slate-500" data-testid="current-model-id">{model.id}</code>
          </>
        )}
      </div>
      {model?.entry ? (
        <dl className="flex gap-6 text-sm">
          <div><dt className="text-xs text-slate-400">Context</dt><dd>{formatTokens(model.entry.contextWindow)}</dd></div>
          <div><dt className="text-xs text-slate-400">Input / 1M</dt><dd>{formatPrice(model.entry.pricing.inputPer1M)}</dd></div>
          <div><dt className="text-xs text-slate-400">Output / 1M</dt><dd>{formatPrice(model.entry.pricing.outputPer1M)}</dd></div>
        </dl>
      ) : model ? (
        <p className="text-sm text-red-700">This model is no longer in the registry: choose another.</p>
      ) : null}
    </Card>
  );
}

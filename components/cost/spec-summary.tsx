"use client";

import { memo, useId } from "react";
import { Card } from "../ui/card";
import { DEPLOYMENT_TARGETS, targetLabel } from "../projects/deployment-targets";
import type { CostView, DeploymentTarget } from "./types";

type Props = {
  spec: CostView["spec"];
  /** What the last applied suggestion changed, to point the change out. */
  changed: { title: string; from: { modelId: string } } | null;
  onTarget: (target: DeploymentTarget) => void;
  targetPending: boolean;
};

const SOURCE: Record<CostView["spec"]["source"], string> = {
  draft: "the spec draft",
  version: "the latest generated version, with the draft's changes",
  request: "the request",
};

/** The spec being priced: model and deployment, so an applied change is visible. */
export const SpecSummary = memo(function SpecSummary({ spec, changed, onTarget, targetPending }: Props) {
  const id = useId();
  return (
    <Card className="flex flex-col gap-3" aria-label="Current spec">
      <h3 className="font-semibold">Current spec</h3>
      <dl className="grid gap-2 text-sm">
        <div>
          <dt className="text-xs text-slate-500">Model</dt>
          <dd className="font-mono text-xs break-all" data-testid="spec-model">{spec.modelId}</dd>
          {spec.modelName && <dd className="text-xs text-slate-500">{spec.modelName}, max {spec.maxTokens.toLocaleString("en-US")} output tokens</dd>}
        </div>
        <div>
          <dt><label htmlFor={id} className="text-xs text-slate-500">Deployment target</label></dt>
          <dd className="flex items-center gap-2">
            <select
              id={id}
              value={spec.target}
              disabled={targetPending}
              onChange={(e) => onTarget(e.target.value as DeploymentTarget)}
              className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
              data-testid="spec-target"
            >
              {DEPLOYMENT_TARGETS.map((t) => <option key={t.id} value={t.id}>{t.label}</option>)}
            </select>
            <span className="text-xs text-slate-500">{spec.region}</span>
          </dd>
          <dd className="mt-1 text-xs text-slate-500">{spec.compute}</dd>
        </div>
      </dl>
      {changed && (
        <p className="rounded-md bg-emerald-50 px-3 py-2 text-xs text-emerald-800" role="status" data-testid="spec-changed">
          Applied “{changed.title}”.{changed.from.modelId !== spec.modelId && ` Model was ${changed.from.modelId}.`}
        </p>
      )}
      <p className="text-xs text-slate-400">
        Priced from {SOURCE[spec.source]}.
        {spec.placeholders.length > 0 && ` Not set yet (no effect on cost): ${spec.placeholders.join(", ")}.`}
      </p>
    </Card>
  );
});

"use client";

import { AppLink } from "../ui/app-link";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/feedback";
import { DEPLOYMENT_TARGETS, targetLabel } from "../projects/deployment-targets";
import type { DeploymentTarget } from "./types";

/** Shown while the draft lacks what a price depends on: a model and a deployment target. */
export function CostSetup({ missing, onTarget, pending }: { missing: string[]; onTarget: (t: DeploymentTarget) => void; pending: boolean }) {
  const needsModel = missing.includes("model.id");
  const needsTarget = missing.includes("deployment.target");
  return (
    <EmptyState title={needsModel ? "Pick a model first" : "Choose where the agent runs"}>
      <div className="flex flex-col items-center gap-4" data-testid="cost-setup">
        <p>The estimate prices the model the agent calls and the service it runs on.</p>
        {needsModel && (
          <AppLink href="?tab=models" className="font-medium text-brand-600 hover:text-brand-700">
            Choose a model in the Models tab →
          </AppLink>
        )}
        {needsTarget && (
          <>
            <p className="text-slate-600">{needsModel ? "And where will it run?" : "Where will it run?"}</p>
            <div className="-mt-2 flex flex-wrap justify-center gap-2" role="group" aria-label="Deployment target">
              {DEPLOYMENT_TARGETS.map(({ id: t }) => (
                <Button key={t} variant="secondary" disabled={pending} onClick={() => onTarget(t)}>
                  {targetLabel(t)}
                </Button>
              ))}
            </div>
          </>
        )}
      </div>
    </EmptyState>
  );
}

"use client";

import type { inferRouterOutputs } from "@trpc/server";
import { AppLink } from "../ui/app-link";
import type { AppRouter } from "../../server/api/root";
import { Card } from "../ui/card";

export type DeployPlanView = inferRouterOutputs<AppRouter>["deploy"]["plan"];

/** The plan: resources, IAM both ways, prerequisites, monthly cost and the CI commands. */
export function PlanPanel({ plan }: { plan: DeployPlanView }) {
  return (
    <Card data-testid="deploy-plan">
      <h3 className="font-semibold">Plan: stack <code>{plan.stackName}</code> in {plan.region}</h3>
      {plan.iac === "terraform" && (
        <p className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" role="note" data-testid="deploy-plan-iac">
          This project deploys itself with Terraform (<code>infra/terraform</code>). Deploys from Agent Builder use CloudFormation: the generated{" "}
          <code>{plan.templatePath}</code> creates the same resources with the same IAM (checked equal when the version was verified). Use one way per
          environment: a stack deployed here is not in your Terraform state.
        </p>
      )}
      {plan.cost.monthlyUsd !== null ? (
        <div className="mt-1 text-sm text-slate-600">
          <p>
            Monthly cost: <strong data-testid="deploy-plan-cost">${plan.cost.monthlyUsd.toFixed(2)}</strong>{" "}
            <span className="text-slate-500">
              (this version at the traffic set on the <AppLink href="?tab=cost" className="font-medium text-brand-700 underline">Cost tab</AppLink>)
            </span>
          </p>
          {"notes" in plan.cost && plan.cost.notes.map((note) => <p key={note} className="text-amber-800" data-testid="deploy-plan-cost-note">{note}</p>)}
        </div>
      ) : (
        <p className="mt-1 text-sm text-slate-600" data-testid="deploy-plan-cost-unknown">Monthly cost: not estimated ({"reason" in plan.cost ? plan.cost.reason : ""}).</p>
      )}
      {plan.lambdaPackage && (
        <p className="mt-1 text-sm text-slate-600" data-testid="deploy-plan-package">
          Before the change set, <code>scripts/package-lambda.sh</code> builds the {plan.lambdaPackage.language} function for {plan.lambdaPackage.architecture} with the
          bootstrap CodeBuild project; the stack&apos;s <code>CodeKey</code> names that package, not the sources.
        </p>
      )}
      <div className="mt-3 grid gap-4 md:grid-cols-2">
        <section>
          <h4 className="text-sm font-medium">Resources ({plan.resources.length})</h4>
          <ul className="mt-1 text-xs text-slate-700" data-testid="deploy-plan-resources">
            {plan.resources.map((r) => <li key={r.logicalId}><code>{r.logicalId}</code> {r.type}{r.retainedOnDelete ? " (retained on delete)" : ""}</li>)}
          </ul>
        </section>
        <section>
          <h4 className="text-sm font-medium">Prerequisites</h4>
          <ul className="mt-1 space-y-1 text-xs text-slate-700" data-testid="deploy-plan-prerequisites">
            {plan.prerequisites.map((p) => <li key={p.title}><span aria-hidden>{p.ready ? "✓" : "○"}</span> <strong>{p.title}</strong><div className="whitespace-pre-wrap text-slate-500">{p.detail}</div></li>)}
          </ul>
        </section>
        <section>
          <h4 className="text-sm font-medium">The agent gets</h4>
          {plan.agentRoles.map((r) => (
            <div key={r.logicalId} className="mt-1 text-xs"><code>{r.logicalId}</code> (trusted by {r.trustedBy.join(", ")}): {r.statements.flatMap((s) => s.actions).join(", ") || "no inline statements"}{r.managedPolicies.length ? `; managed: ${r.managedPolicies.join(", ")}` : ""}</div>
          ))}
        </section>
        <section>
          <h4 className="text-sm font-medium">The deployer needs</h4>
          <ul className="mt-1 space-y-1 text-xs text-slate-700" data-testid="deploy-plan-deployer">
            {plan.deployer.map((d) => <DeployerNeed key={`${d.service}-${d.resourceType}`} need={d} />)}
          </ul>
        </section>
      </div>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer font-medium">Deploy from your own CI</summary>
        {plan.ciCommands.map((c) => <div key={c.title} className="mt-2"><p className="text-xs text-slate-600">{c.title}</p><pre className="overflow-x-auto rounded bg-slate-900 p-2 text-xs text-slate-100">{c.command}</pre></div>)}
      </details>
    </Card>
  );
}

type DeployerNeedView = DeployPlanView["deployer"][number];

/**
 * One need of the deploy roles. A resource type's actions are its CloudFormation handlers'
 * (dozens for some types), so they fold away behind their count and source; a type with no
 * recorded permissions is called out, since the bootstrap execution role grants nothing for it.
 */
function DeployerNeed({ need }: { need: DeployerNeedView }) {
  if (need.resourceType === null) return <li><strong>{need.service}</strong>: {need.actions.join(", ")}</li>;
  if (need.source === null) return <li className="text-amber-800" data-testid="deploy-plan-unknown-type"><strong>{need.resourceType}</strong>: {need.why}</li>;
  return (
    <li>
      <details>
        <summary className="cursor-pointer"><strong>{need.resourceType}</strong>: {need.actions.length} actions ({need.why})</summary>
        <p className="mt-1 break-words">{need.actions.join(", ")}</p>
        <p className="mt-1 text-slate-500">From the type&apos;s CloudFormation registry schema: {need.source}</p>
      </details>
    </li>
  );
}


/** Cost control: the budget, and nothing that bills by the hour when a pay-per-use form exists. */
import type { Snapshot } from "../harness/run-stack";
import { ofType } from "./query";
import { REQUIRED } from "./requirements";

export function checkBudget(s: Snapshot, email: string): string[] {
  const budgets = ofType(s, "aws:budgets/budget:Budget");
  if (budgets.length !== 1) return [`expected one budget, found ${budgets.length}`];
  const b = budgets[0]!.inputs;
  const v: string[] = [];
  if (b.budgetType !== "COST" || b.timeUnit !== "MONTHLY") v.push("budget is not a monthly cost budget");
  if (Number(b.limitAmount) !== REQUIRED.budget.limitUsd || b.limitUnit !== "USD") v.push(`budget limit is ${b.limitAmount} ${b.limitUnit}, expected ${REQUIRED.budget.limitUsd} USD`);
  const alert = (b.notifications ?? []).find(
    (n: any) => n.notificationType === "ACTUAL" && n.thresholdType === "PERCENTAGE" && n.threshold === REQUIRED.budget.alertPercent && n.comparisonOperator === "GREATER_THAN",
  );
  if (!alert) v.push(`budget has no alert on actual spend over ${REQUIRED.budget.alertPercent}%`);
  else if (!(alert.subscriberEmailAddresses ?? []).includes(email)) v.push(`budget alert is not emailed to ${email}`);
  return v;
}

export function checkIdleCost(s: Snapshot): string[] {
  const v: string[] = [];
  const nat = ofType(s, "aws:ec2/natGateway:NatGateway");
  if (nat.length) v.push(`${nat.length} NAT gateway(s): each bills by the hour, more than the rest of the idle platform`);
  for (const t of ofType(s, "aws:dynamodb/table:Table")) if (t.inputs.billingMode !== "PAY_PER_REQUEST") v.push(`${t.name}: provisioned capacity bills while idle`);
  for (const f of ofType(s, "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig")) v.push(`${f.name}: provisioned concurrency bills while idle`);
  const services = ofType(s, "aws:ecs/service:Service");
  for (const svc of services) if (svc.inputs.desiredCount > 1) v.push(`${svc.name}: more than one task while idle`);
  return v;
}

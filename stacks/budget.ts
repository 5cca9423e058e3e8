/**
 * A monthly cost budget with an email alert at a share of the limit (actual spend) and a
 * second one when the month's forecast passes the limit. AWS Budgets are account-wide, so
 * only production stages create one (two stages would alert twice on the same spend).
 */
import { BUDGET } from "./config";

export function createBudget(email: string) {
  return new aws.budgets.Budget("MonthlyBudget", {
    name: `${$app.name}-${$app.stage}-monthly`,
    budgetType: "COST",
    limitAmount: BUDGET.monthlyLimitUsd.toFixed(2),
    limitUnit: "USD",
    timeUnit: "MONTHLY",
    notifications: [
      {
        notificationType: "ACTUAL",
        comparisonOperator: "GREATER_THAN",
        threshold: BUDGET.alertThresholdPercent,
        thresholdType: "PERCENTAGE",
        subscriberEmailAddresses: [email],
      },
      {
        notificationType: "FORECASTED",
        comparisonOperator: "GREATER_THAN",
        threshold: 100,
        thresholdType: "PERCENTAGE",
        subscriberEmailAddresses: [email],
      },
    ],
  });
}

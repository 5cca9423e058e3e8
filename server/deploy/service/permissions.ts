import { DomainError } from "../../errors";
import type { BootstrapNames, Deployer, DeployTarget, PermissionCheck } from "../../platform/deployer/types";
import { actionsByRole, type DeployerPermission } from "../plan/deployer-iam";

/**
 * What the connected roles may do, asked of IAM's policy simulator through the Deployer port,
 * for the actions the plan's "deployer needs" list (one source): the deploy role for its own
 * calls, the execution role for the resources CloudFormation creates. Locally nothing is
 * simulated and the answer says so; Apply is blocked only by a simulated denial.
 */
export type RoleChecks = { deployRole: PermissionCheck; executionRole: PermissionCheck | null };

/** The role ARN the deploy role's own calls are evaluated for (the caller locally, who is not simulated). */
const deployRoleOf = (target: DeployTarget, callerArn: string) => (target.mode === "role" ? target.roleArn : callerArn);

export async function checkRolePermissions(deployer: Deployer, target: DeployTarget, names: BootstrapNames, needs: DeployerPermission[], callerArn = "local"): Promise<RoleChecks> {
  const { deployRole, executionRole } = actionsByRole(needs);
  return {
    deployRole: await deployer.simulatePermissions(target, deployRoleOf(target, callerArn), deployRole),
    executionRole: executionRole.length > 0 ? await deployer.simulatePermissions(target, names.executionRoleArn, executionRole) : null,
  };
}

export function deniedActions(checks: RoleChecks): { principalArn: string; action: string; decision: string }[] {
  return [checks.deployRole, checks.executionRole].flatMap((c) => (c?.simulated ? c.results.filter((r) => r.decision !== "allowed").map((r) => ({ principalArn: c.principalArn, ...r })) : []));
}

/** Apply's gate: a denied action refuses the deploy, naming the action, the role and the fix. */
export function requireAllowed(checks: RoleChecks): void {
  const denied = deniedActions(checks);
  if (denied.length === 0) return;
  const list = denied.map((d) => `${d.action} (${d.decision} for ${d.principalArn})`).join(", ");
  throw new DomainError("forbidden", `The connected roles may not do what this deploy needs: ${list}. Update the bootstrap stack with the current template from Deploy → Account, or grant these actions, then apply again.`, {
    field: "permissions",
    denied: denied.map((d) => d.action),
  });
}

import { SimulatePrincipalPolicyCommand, type SimulatePrincipalPolicyCommandOutput } from "@aws-sdk/client-iam";
import { toDeployerError } from "./aws-retry";
import type { PermissionCheck, PermissionDecision, DeployTarget } from "./types";

/**
 * IAM's policy simulator for the deploy role (SimulatePrincipalPolicy): every identity policy
 * of the role evaluated for each action the deploy needs. Results page with Marker. The role
 * may lack iam:SimulatePrincipalPolicy (a bootstrap stack from before it was granted): that
 * is reported as not simulated, naming the missing permission, never as allowed.
 */
export const NOT_SIMULATED_DEFAULT_CHAIN = "not simulated locally: the machine's own credentials are used as they are (no deploy role to evaluate)";

const DECISIONS: Record<string, PermissionDecision> = { allowed: "allowed", implicitDeny: "implicitDeny", explicitDeny: "explicitDeny" };

export function lacksSimulate(principalArn: string, awsMessage: string): string {
  return `The role lacks iam:SimulatePrincipalPolicy on ${principalArn}, so what it may do was not checked. Update the bootstrap stack with the current template from Deploy → Account (it grants that permission). AWS said: ${awsMessage}`;
}

export type Send = (command: SimulatePrincipalPolicyCommand) => Promise<SimulatePrincipalPolicyCommandOutput>;

export async function simulatePrincipal(target: DeployTarget, send: Send, principalArn: string, actions: string[]): Promise<PermissionCheck> {
  if (target.mode === "default-chain") return { simulated: false, principalArn, reason: NOT_SIMULATED_DEFAULT_CHAIN };
  const results: { action: string; decision: PermissionDecision }[] = [];
  try {
    let marker: string | undefined;
    do {
      const out = await send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: principalArn, ActionNames: actions, Marker: marker }));
      for (const r of out.EvaluationResults ?? []) {
        if (r.EvalActionName) results.push({ action: r.EvalActionName, decision: DECISIONS[r.EvalDecision ?? ""] ?? "implicitDeny" });
      }
      marker = out.IsTruncated ? out.Marker : undefined;
    } while (marker);
  } catch (e) {
    const error = toDeployerError(e);
    if (error.kind === "access-denied") return { simulated: false, principalArn, reason: lacksSimulate(principalArn, error.message) };
    throw error;
  }
  return { simulated: true, principalArn, results };
}

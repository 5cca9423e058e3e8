import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { DomainError } from "../../errors";
import { getDeployer } from "../../platform";
import { DeployerError, type ConnectionCheck, type DeployTarget, type PermissionCheck } from "../../platform/deployer/types";
import type { Platform } from "../../platform/types";
import { BOOTSTRAP_STACK_NAME, bootstrapNames, bootstrapTemplate, deployRoleName } from "../bootstrap";
import { deleteConnectionOf, findConnectionOf, upsertConnection, type Connection } from "../connection-repo";
import { baseDeployerPermissions } from "../plan/deployer-iam";
import { checkRolePermissions } from "./permissions";

const Region = z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "is not an AWS region");
export const StartConnectionInput = z.object({ region: Region });
export const ConnectInput = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("role"), roleArn: z.string().regex(/^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,128}$/, "is not an IAM role ARN") }),
  z.object({ mode: z.literal("default-chain"), region: Region }),
]);

export type { Connection };

export async function findConnection(p: Pick<Platform, "db">, userId: string): Promise<Connection | null> {
  return findConnectionOf(p.db, userId);
}

/** The Deployer target of a verified connection; DomainError naming what is missing otherwise. */
export function targetOf(c: Connection | null): DeployTarget {
  if (!c || !c.verifiedAt) {
    throw new DomainError("invalid", "No AWS account is connected: open Deploy → Account, deploy the bootstrap stack and paste its DeployRoleArn (or, locally, use this machine's credentials). Plan works without one.", { missing: "connection" });
  }
  if (c.mode === "default-chain") return { mode: "default-chain", region: c.region };
  return { mode: "role", roleArn: c.roleArn!, externalId: c.externalId, region: c.region };
}

/**
 * Step 1 of connecting: an ExternalId for this user (kept across calls until connected) and the
 * bootstrap template with the command that creates it. The platform principal is the
 * platform's own account, read from its credentials.
 */
export async function startConnection(p: Platform, userId: string, raw: z.input<typeof StartConnectionInput>) {
  const { region } = StartConnectionInput.parse(raw);
  const existing = await findConnection(p, userId);
  const externalId = existing?.externalId ?? randomBytes(18).toString("base64url");
  await upsertConnection(p.db, userId, { externalId, region, mode: "role" }, { region, ...(existing?.verifiedAt ? {} : { mode: "role" as const }) });
  const platform = await (await getDeployer(p)).verify({ mode: "default-chain", region });
  const principal = `arn:aws:iam::${platform.accountId}:root`;
  const file = `${BOOTSTRAP_STACK_NAME}.yaml`;
  const body = bootstrapTemplate();
  return {
    externalId,
    region,
    platformPrincipal: principal,
    template: { filename: file, body },
    quickCreate: await quickCreateLink(p, body, { region, principal, externalId }),
    expectedRoleArn: `arn:aws:iam::<your-account-id>:role/${deployRoleName(region)}`,
    createCommand: `aws cloudformation create-stack --region ${region} --stack-name ${BOOTSTRAP_STACK_NAME} --template-body file://${file} --capabilities CAPABILITY_NAMED_IAM --parameters ParameterKey=PlatformPrincipal,ParameterValue=${principal} ParameterKey=ExternalId,ParameterValue=${externalId}`,
  };
}

/** How long the quick-create link's template URL stays readable. */
const QUICK_CREATE_URL_SECONDS = 3600;

/**
 * A CloudFormation console link that opens "Quick create stack" with the bootstrap template
 * and both parameters filled in: the template is stored in the platform's artifact bucket
 * (content-addressed, so every user shares one object) and linked by a time-limited read
 * URL. Locally the bucket is the blob stand-in, so the link names a local URL the AWS
 * console cannot read: `local` says so.
 */
async function quickCreateLink(p: Platform, body: string, params: { region: string; principal: string; externalId: string }) {
  const key = `bootstrap/${createHash("sha256").update(body).digest("hex")}.yaml`;
  if (!(await p.blobs.get(key))) await p.blobs.put(key, new TextEncoder().encode(body), "application/x-yaml");
  const templateUrl = await p.blobs.readUrl(key, QUICK_CREATE_URL_SECONDS);
  const query = new URLSearchParams({ templateURL: templateUrl, stackName: BOOTSTRAP_STACK_NAME, param_PlatformPrincipal: params.principal, param_ExternalId: params.externalId });
  const url = `https://${params.region}.console.aws.amazon.com/cloudformation/home?region=${params.region}#/stacks/create/review?${query}`;
  return { url, templateUrl, expiresInSeconds: QUICK_CREATE_URL_SECONDS, local: p.runtime === "local" };
}

/** The trust-policy fix, named in the error when the role cannot be assumed. */
function trustFix(roleArn: string, principal: string, externalId: string): string {
  return `The platform could not assume ${roleArn}. Fix its trust policy: allow "sts:AssumeRole" for Principal {"AWS": "${principal}"} with Condition {"StringEquals": {"sts:ExternalId": "${externalId}"}} — deploying the bootstrap template with ExternalId=${externalId} creates exactly that.`;
}

/** Step 2: verifies the role (or, locally, the machine's credentials) and stores the connection. */
export async function connectAccount(p: Platform, userId: string, raw: z.input<typeof ConnectInput>): Promise<{ connection: Connection; check: ConnectionCheck; permissions: PermissionCheck }> {
  const input = ConnectInput.parse(raw);
  const deployer = await getDeployer(p);
  if (input.mode === "default-chain" && p.runtime !== "local") throw new DomainError("invalid", "mode: the machine's default credentials are accepted only when running locally; connect a role");
  const existing = await findConnection(p, userId);
  if (input.mode === "role" && !existing) throw new DomainError("invalid", "Start the connection first (deploy.connectStart) to get your ExternalId and bootstrap template", { field: "roleArn" });
  const region = input.mode === "role" ? existing!.region : input.region;
  const externalId = existing?.externalId ?? randomBytes(18).toString("base64url");
  const target: DeployTarget = input.mode === "role" ? { mode: "role", roleArn: input.roleArn, externalId, region } : { mode: "default-chain", region };
  let check: ConnectionCheck;
  try {
    check = await deployer.verify(target);
  } catch (e) {
    if (e instanceof DeployerError && e.kind === "assume-role-denied" && input.mode === "role") {
      const platform = await deployer.verify({ mode: "default-chain", region });
      throw new DomainError("forbidden", trustFix(input.roleArn, `arn:aws:iam::${platform.accountId}:root`, externalId), { field: "roleArn", awsError: e.message });
    }
    throw e instanceof DeployerError ? new DomainError("unavailable", `AWS refused the check: ${e.message}`) : e;
  }
  // What the deploy role may do, for the calls every deploy makes (a project's own resources are checked at Apply).
  const { deployRole } = await checkRolePermissions(deployer, target, bootstrapNames(check.accountId, region), baseDeployerPermissions(), check.principalArn);
  const values = { mode: input.mode, roleArn: input.mode === "role" ? input.roleArn : null, region, externalId, verifiedAt: new Date() };
  return { connection: await upsertConnection(p.db, userId, values), check, permissions: deployRole };
}

export async function disconnectAccount(p: Pick<Platform, "db">, userId: string): Promise<void> {
  await deleteConnectionOf(p.db, userId);
}

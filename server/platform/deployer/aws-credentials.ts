import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity } from "@aws-sdk/types";
import { toDeployerError } from "./aws-retry";
import { DeployerError, type DeployTarget } from "./types";

/**
 * Temporary credentials for the user's deploy role (STS AssumeRole with the ExternalId),
 * cached until five minutes before they expire. `forget` drops them after an ExpiredToken,
 * so the next call assumes the role again.
 */
export class RoleSessions {
  private readonly cache = new Map<string, AwsCredentialIdentity>();
  constructor(private readonly sts: (region: string) => STSClient = (region) => new STSClient({ region, maxAttempts: 1 })) {}

  private keyOf(t: Extract<DeployTarget, { mode: "role" }>) {
    return `${t.roleArn}|${t.externalId}|${t.region}`;
  }

  async credentials(target: DeployTarget): Promise<AwsCredentialIdentity | undefined> {
    if (target.mode === "default-chain") return undefined;
    const key = this.keyOf(target);
    const cached = this.cache.get(key);
    if (cached && (!cached.expiration || cached.expiration.getTime() - Date.now() > 5 * 60_000)) return cached;
    try {
      const out = await this.sts(target.region).send(
        new AssumeRoleCommand({ RoleArn: target.roleArn, ExternalId: target.externalId, RoleSessionName: "agent-builder-deploy", DurationSeconds: 3600 }),
      );
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey) throw new DeployerError("failed", "STS AssumeRole returned no credentials");
      const creds = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
      this.cache.set(key, creds);
      return creds;
    } catch (e) {
      const error = toDeployerError(e);
      if (error.kind === "access-denied") throw new DeployerError("assume-role-denied", error.message);
      throw error;
    }
  }

  forget(target: DeployTarget): void {
    if (target.mode === "role") this.cache.delete(this.keyOf(target));
  }
}

/**
 * One customer-managed KMS key for the platform's secrets: Lambda environment variables
 * (NEXTAUTH_SECRET, DATABASE_URL and SST's link key), the SSM SecureString parameters the
 * containers read, and the alarm topic. Rotation is on. The key policy keeps the account in
 * control (without that statement a key can become unmanageable) and lets CloudWatch alarms
 * publish to the encrypted topic, which an AWS-managed key would refuse.
 */
import type { Output } from "@pulumi/pulumi";
import { keyPolicy } from "./key-policy";

export function createPlatformKey(accountId: Output<string>) {
  const key = new aws.kms.Key("PlatformKey", {
    description: `${$app.name} ${$app.stage}: secrets, container parameters, alarm topic`,
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: accountId.apply((id) => JSON.stringify(keyPolicy(id))),
  });
  new aws.kms.Alias("PlatformKeyAlias", { name: `alias/${$app.name}-${$app.stage}`, targetKeyId: key.keyId });
  return key;
}

/**
 * The platform key's policy, as a pure function. The account statement keeps IAM in control
 * (without it a key can become unmanageable); CloudWatch may use the key so alarms can publish
 * to the encrypted topic, which an AWS-managed SNS key would refuse.
 */
export function keyPolicy(accountId: string, partition = "aws") {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountAdministersKey",
        Effect: "Allow",
        Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      {
        Sid: "CloudWatchAlarmsPublishToEncryptedTopic",
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
      },
    ],
  };
}

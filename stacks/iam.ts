/**
 * The IAM statements the stacks grant, as pure functions over ARNs. SST's default links
 * grant `dynamodb:*`, `sqs:*`, `s3:*` and `ecs:*`; links.ts replaces them with these lists,
 * so a function gets the actions the app's code paths use and nothing else.
 */
import type { Input } from "@pulumi/pulumi";
import { BEDROCK } from "./config";

export type Statement = { actions: string[]; resources: Input<Input<string>[]> };

/** Item reads/writes, queries and the conditions transactions use; no Scan, no table admin. */
export const TABLE_ACTIONS = [
  "dynamodb:BatchGetItem",
  "dynamodb:BatchWriteItem",
  "dynamodb:ConditionCheckItem",
  "dynamodb:DeleteItem",
  "dynamodb:DescribeTable",
  "dynamodb:GetItem",
  "dynamodb:PutItem",
  "dynamodb:Query",
  "dynamodb:UpdateItem",
];
export const QUEUE_SEND_ACTIONS = ["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage"];
/** What Lambda's SQS event source needs from the consuming function's role. */
export const QUEUE_CONSUME_ACTIONS = ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"];
export const OBJECT_ACTIONS = ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"];
/** Without ListBucket, HeadObject on a missing key answers 403 instead of 404 (BlobStore.has). */
export const BUCKET_LIST_ACTIONS = ["s3:ListBucket"];
/** X-Ray has no resource-level permissions: "*" is the only valid resource. */
export const XRAY_ACTIONS = ["xray:PutTelemetryRecords", "xray:PutTraceSegments"];

export const tableStatements = (tableArn: Input<string>, indexArns: Input<string>): Statement[] => [
  { actions: TABLE_ACTIONS, resources: [tableArn, indexArns] },
];

export const bucketStatements = (bucketArn: Input<string>, objectArns: Input<string>): Statement[] => [
  { actions: OBJECT_ACTIONS, resources: [objectArns] },
  { actions: BUCKET_LIST_ACTIONS, resources: [bucketArn] },
];

/** Cross-region inference-profile prefixes; such a profile routes to the base model in any region. */
const PROFILE_PREFIX = /^(us|eu|apac|jp|au|ca|global|us-gov)\.(.+)$/;

/**
 * ARNs for Bedrock model ids. A plain id is a foundation model in this region; a profile id
 * (`us.anthropic...`) needs the profile itself plus the base model in every region it may
 * route to, which is why that base-model ARN has a `*` region.
 */
export function bedrockModelArns(modelIds: readonly string[], region: string, accountId: string, partition = "aws"): string[] {
  const arns = modelIds.flatMap((id) => {
    const profile = PROFILE_PREFIX.exec(id);
    if (!profile) return [`arn:${partition}:bedrock:${region}::foundation-model/${id}`];
    return [`arn:${partition}:bedrock:${region}:${accountId}:inference-profile/${id}`, `arn:${partition}:bedrock:*::foundation-model/${profile[2]}`];
  });
  return [...new Set(arns)].sort();
}

export const bedrockStatement = (modelArns: Input<Input<string>[]>): Statement => ({ actions: [...BEDROCK.actions], resources: modelArns });

/** A task definition ARN without its revision, so a new revision keeps working. */
export const taskFamilyArn = (taskDefinitionArn: string) => taskDefinitionArn.replace(/:\d+$/, ":*");

/** Every task of one cluster: `arn:aws:ecs:<region>:<account>:cluster/<name>` -> `.../task/<name>/*`. */
export const tasksInClusterArn = (clusterArn: string) => `${clusterArn.replace(":cluster/", ":task/")}/*`;

/** Start, watch and stop runs of one task family in one cluster, and hand it its two roles. */
export function taskRunStatements(args: { familyArn: Input<string>; tasksInCluster: Input<string>; roleArns: Input<string>[] }): Statement[] {
  return [
    { actions: ["ecs:RunTask"], resources: [args.familyArn] },
    { actions: ["ecs:DescribeTasks", "ecs:StopTask"], resources: [args.tasksInCluster] },
    { actions: ["iam:PassRole"], resources: args.roleArns },
  ];
}

/**
 * Proof that the checks can fail: each case removes or weakens ONE required property in a
 * copy of the real snapshot and expects the matching check to name it.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Recorded } from "./harness/mocks";
import type { Snapshot } from "./harness/run-stack";
import { checkBucket, checkTable } from "./rules/data";
import { checkQueues } from "./rules/queues";
import { checkAllFunctions, checkWorkers } from "./rules/functions";
import { checkLeastPrivilege } from "./rules/iam";
import { checkAlarms } from "./rules/monitoring";
import { checkBudget, checkIdleCost } from "./rules/cost";
import { checkEdge, checkKey, checkRealtime, checkSecretPlacement } from "./rules/security";
import { mutate } from "./rules/query";
import { checkAppContract } from "./rules/contract";

type Check = (s: Snapshot) => string[];
const get = (s: Snapshot, type: string, name?: string): Recorded => {
  const r = s.resources.find((x) => x.type === type && (name === undefined || x.name === name));
  if (!r) throw new Error(`no ${type} ${name ?? ""} in snapshot`);
  return r;
};
const drop = (s: Snapshot, type: string, name?: string) => s.resources.splice(s.resources.indexOf(get(s, type, name)), 1);
const addStatement = (s: Snapshot, role: string, st: object) => {
  const r = get(s, "aws:iam/role:Role", role);
  const doc = JSON.parse(r.inputs.inlinePolicies[0].policy);
  doc.Statement.push(st);
  r.inputs.inlinePolicies[0].policy = JSON.stringify(doc);
};
const TABLE = "aws:dynamodb/table:Table", QUEUE = "aws:sqs/queue:Queue", FN = "aws:lambda/function:Function", ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const redrive = (s: Snapshot, name: string, patch: object) => {
  const q = get(s, QUEUE, name);
  q.inputs.redrivePolicy = JSON.stringify({ ...JSON.parse(q.inputs.redrivePolicy), ...patch });
};

const CASES: [string, Check, (s: Snapshot) => void, RegExp][] = [
  ["table without PITR", checkTable, (s) => (get(s, TABLE).inputs.pointInTimeRecovery = { enabled: false }), /point-in-time/],
  ["table without gsi2", checkTable, (s) => (get(s, TABLE).inputs.globalSecondaryIndexes = get(s, TABLE).inputs.globalSecondaryIndexes.slice(0, 1)), /GSI gsi2 is missing/],
  ["table on provisioned capacity", checkTable, (s) => (get(s, TABLE).inputs.billingMode = "PROVISIONED"), /on-demand/],
  ["table without SSE", checkTable, (s) => delete get(s, TABLE).inputs.serverSideEncryption, /encryption/],
  ["bucket without versioning", checkBucket, (s) => drop(s, "aws:s3/bucketVersioning:BucketVersioning"), /versioning/],
  ["bucket open to public policies", checkBucket, (s) => (get(s, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs.restrictPublicBuckets = false), /restrictPublicBuckets/],
  ["bucket without default encryption", checkBucket, (s) => drop(s, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"), /encryption/],
  ["bucket keeps old versions forever", checkBucket, (s) => (get(s, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").inputs.rules.splice(0, 1)), /non-current/],
  ["bucket keeps abandoned uploads", checkBucket, (s) => (get(s, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").inputs.rules.splice(1, 1)), /multipart/],
  ["queue without a DLQ", checkQueues, (s) => delete get(s, QUEUE, "QaQueueQueue").inputs.redrivePolicy, /QaQueue: no dead-letter/],
  ["DLQ after 3 receives", checkQueues, (s) => redrive(s, "DevQueueQueue", { maxReceiveCount: 3 }), /maxReceiveCount 3 < 5/],
  ["visibility 5x the timeout", checkQueues, (s) => (get(s, QUEUE, "DevQueueQueue").inputs.visibilityTimeoutSeconds = 4500), /DevQueue: visibility timeout 4500s < 6 x/],
  ["partial batch responses off", checkQueues, (s) => (get(s, "aws:lambda/eventSourceMapping:EventSourceMapping").inputs.functionResponseTypes = []), /partial batch/],
  ["a standard (non-FIFO) queue", checkQueues, (s) => (get(s, QUEUE, "PmQueueQueue").inputs.fifoQueue = false), /PmQueue: not a FIFO/],
  ["no content-based dedup", checkQueues, (s) => (get(s, QUEUE, "OpsQueueQueue").inputs.contentBasedDeduplication = false), /deduplication/],
  ["no reserved concurrency", checkWorkers, (s) => delete get(s, FN, "QaWorkerFunction").inputs.reservedConcurrentExecutions, /QaWorker: reserved concurrency/],
  ["an x86 worker", checkWorkers, (s) => (get(s, FN, "OpsWorkerFunction").inputs.architectures = ["x86_64"]), /architecture/],
  ["Dev with 5 minutes", checkWorkers, (s) => (get(s, FN, "DevWorkerFunction").inputs.timeout = 300), /DevWorker: 300s/],
  ["tracing off", checkAllFunctions, (s) => delete get(s, FN, "WebServerFunction").inputs.tracingConfig, /X-Ray/],
  ["logs kept a month", checkAllFunctions, (s) => (get(s, "aws:cloudwatch/logGroup:LogGroup", "PmWorkerLogGroup").inputs.retentionInDays = 30), /log retention is 30/],
  ["text logs", checkAllFunctions, (s) => (get(s, FN, "PmWorkerFunction").inputs.loggingConfig.logFormat = "Text"), /JSON/],
  ["environment without the KMS key", checkAllFunctions, (s) => delete get(s, FN, "DevWorkerFunction").inputs.kmsKeyArn, /KMS/],
  ["dynamodb:*", checkLeastPrivilege, (s) => addStatement(s, "OpsWorkerRole", { Effect: "Allow", Action: "dynamodb:*", Resource: "*" }), /wildcard action dynamodb:\*/],
  ["s3 on every bucket", checkLeastPrivilege, (s) => addStatement(s, "QaWorkerRole", { Effect: "Allow", Action: ["s3:GetObject"], Resource: ["*"] }), /every resource/],
  ["Bedrock for QA", checkLeastPrivilege, (s) => addStatement(s, "QaWorkerRole", { Effect: "Allow", Action: ["bedrock:InvokeModel"], Resource: ["arn:aws:bedrock:us-east-1::foundation-model/x"] }), /QaWorkerRole: may call Bedrock/],
  ["Bedrock on every model", checkLeastPrivilege, (s) => addStatement(s, "DevWorkerRole", { Effect: "Allow", Action: ["bedrock:InvokeModel"], Resource: ["arn:aws:bedrock:us-east-1::foundation-model/*"] }), /not a named model/],
  ["consuming another role's queue", checkLeastPrivilege, (s) => addStatement(s, "PmWorkerRole", { Effect: "Allow", Action: ["sqs:ReceiveMessage"], Resource: [get(s, QUEUE, "DevQueueQueue").state.arn] }), /not its own queue/],
  ["a test runner that can write artifacts", checkLeastPrivilege, (s) => addStatement(s, "TestRunnerTaskRole", { Effect: "Allow", Action: ["s3:PutObject"], Resource: [`${get(s, "aws:s3/bucket:Bucket").state.arn}/*`] }), /must not have s3:PutObject/],
  ["no DLQ alarm", checkAlarms, (s) => drop(s, ALARM, "AlarmDevQueueDlqNotEmpty"), /DevQueue: no alarm/],
  ["error rate alarm at 10%", checkAlarms, (s) => (get(s, ALARM, "AlarmQaWorkerErrorRate").inputs.threshold = 10), /QaWorker: no error-rate/],
  ["duration alarm at the timeout", checkAlarms, (s) => (get(s, ALARM, "AlarmDevWorkerDuration").inputs.threshold = 900_000), /DevWorker: no duration alarm/],
  ["no throttle alarm", checkAlarms, (s) => drop(s, ALARM, "AlarmAgentTableThrottled"), /throttled/],
  ["no Fargate alarm", checkAlarms, (s) => drop(s, ALARM, "AlarmRealtimeNotRunning"), /Fargate/],
  ["an alarm that notifies nobody", checkAlarms, (s) => (get(s, ALARM, "AlarmOpsWorkerDuration").inputs.alarmActions = []), /AlarmOpsWorkerDuration: does not notify/],
  ["no email subscription", checkAlarms, (s) => drop(s, "aws:sns/topicSubscription:TopicSubscription"), /email subscription/],
  ["no budget", (s) => checkBudget(s, "ops@example.com"), (s) => drop(s, "aws:budgets/budget:Budget"), /expected one budget/],
  ["a $20 budget", (s) => checkBudget(s, "ops@example.com"), (s) => (get(s, "aws:budgets/budget:Budget").inputs.limitAmount = "20.00"), /budget limit/],
  ["a budget alert at 90%", (s) => checkBudget(s, "ops@example.com"), (s) => (get(s, "aws:budgets/budget:Budget").inputs.notifications[0].threshold = 90), /80%/],
  ["a NAT gateway", checkIdleCost, (s) => s.resources.push({ type: "aws:ec2/natGateway:NatGateway", name: "Nat", custom: true, inputs: {}, state: {} }), /NAT/],
  ["KMS rotation off", checkKey, (s) => (get(s, "aws:kms/key:Key").inputs.enableKeyRotation = false), /rotation/],
  ["a secret in a task definition", checkSecretPlacement, (s) => (get(s, "aws:ecs/taskDefinition:TaskDefinition").inputs.containerDefinitions += s.secretValues.NextAuthSecret), /NextAuthSecret appears in plain text/],
  ["a required secret with a placeholder", checkSecretPlacement, (s) => (s.components.find((c) => c.name === "DatabaseUrl")!.args.required = false), /DatabaseUrl has a placeholder/],
  ["no API throttle", checkEdge, (s) => delete get(s, "aws:apigatewayv2/stage:Stage").inputs.defaultRouteSettings, /API throttle/],
  ["CORS for any origin", checkEdge, (s) => (get(s, "aws:apigatewayv2/api:Api").inputs.corsConfiguration.allowOrigins = ["*"]), /CORS/],
  ["/api bypassing the throttle", checkEdge, (s) => (s.routes = s.routes.filter((r) => r.pattern !== "/api")), /throttled API/],
  ["plain HTTP allowed", checkEdge, (s) => (get(s, "aws:cloudfront/distribution:Distribution").inputs.defaultCacheBehavior.viewerProtocolPolicy = "allow-all"), /plain HTTP/],
  ["a bigger realtime task", checkRealtime, (s) => (get(s, "aws:ecs/taskDefinition:TaskDefinition", "RealtimeTask").inputs.cpu = "512"), /expected 256/],
  ["realtime on x86", checkRealtime, (s) => (get(s, "aws:ecs/taskDefinition:TaskDefinition", "RealtimeTask").inputs.runtimePlatform.cpuArchitecture = "X86_64"), /ARM64/],
  ["a worker missing a link aws.ts reads", checkAppContract, (s) => (s.components.find((c) => c.name === "QaWorker")!.args.link = ["AgentTable"]), /QaWorker: not linked to Artifacts/],
  ["a worker without the templates", checkAppContract, (s) => (s.components.find((c) => c.name === "DevWorker")!.args.copyFiles = [{ from: "registry", to: "registry" }]), /DevWorker: templates\/ is not copied/],
  ["QA without the compiler", checkAppContract, (s) => (s.components.find((c) => c.name === "QaWorker")!.args.install = []), /QaWorker: typescript is not installed/],
  ["Dev without npm (no lockfile on AWS)", checkAppContract, (s) => (s.components.find((c) => c.name === "DevWorker")!.args.install = undefined), /DevWorker: npm is not installed/],
  ["a worker without DATABASE_URL", checkAppContract, (s) => delete get(s, FN, "OpsWorkerFunction").inputs.environment.variables.DATABASE_URL, /OpsWorker: environment rejected.*DATABASE_URL/],
];

export function registerMutationTests(snapshot: () => Snapshot) {
  describe("each check fails when its property is removed", () => {
    for (const [label, check, change, expected] of CASES) {
      test(label, () => {
        const broken = mutate(snapshot(), change);
        assert.match(check(broken).join("\n"), expected);
      });
    }
  });
}

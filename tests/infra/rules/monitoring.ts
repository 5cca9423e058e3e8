/** Alarms for every signal the issue names, all routed to an encrypted, subscribed topic. */
import type { Recorded } from "../harness/mocks";
import type { Snapshot } from "../harness/run-stack";
import { alarms, functionNamed, named, ofType, queueNamed } from "./query";
import { REQUIRED, ROLE_NAMES, ROLES } from "./requirements";

type Metric = { namespace: string; metricName: string; dimensions: Record<string, string> };
const metricsOf = (a: Recorded): Metric[] =>
  a.inputs.metricQueries ? a.inputs.metricQueries.filter((q: any) => q.metric).map((q: any) => q.metric) : [{ namespace: a.inputs.namespace, metricName: a.inputs.metricName, dimensions: a.inputs.dimensions ?? {} }];
const watches = (a: Recorded, metricName: string, dim: string, value: string) => metricsOf(a).some((m) => m.metricName === metricName && m.dimensions[dim] === value);
const find = (s: Snapshot, metricName: string, dim: string, value: string) => alarms(s).filter((a) => watches(a, metricName, dim, value));

function lambdaAlarms(s: Snapshot, label: string, fnName: string, timeoutSeconds: number): string[] {
  const v: string[] = [];
  const rate = find(s, "Errors", "FunctionName", fnName).filter((a) => watches(a, "Invocations", "FunctionName", fnName));
  const rateOk = rate.some((a) => a.inputs.threshold <= REQUIRED.alarm.errorRatePercent && a.inputs.comparisonOperator === "GreaterThanThreshold" && /errors\s*\/\s*invocations/.test(a.inputs.metricQueries.map((q: any) => q.expression ?? "").join(" ")));
  if (!rateOk) v.push(`${label}: no error-rate alarm (errors / invocations > ${REQUIRED.alarm.errorRatePercent}%)`);
  const limit = timeoutSeconds * 1000 * REQUIRED.alarm.durationFraction;
  if (!find(s, "Duration", "FunctionName", fnName).some((a) => a.inputs.threshold <= limit && a.inputs.comparisonOperator === "GreaterThanThreshold")) {
    v.push(`${label}: no duration alarm at <= ${REQUIRED.alarm.durationFraction * 100}% of the ${timeoutSeconds}s timeout`);
  }
  return v;
}

export function checkAlarms(s: Snapshot): string[] {
  const v: string[] = [];
  const topic = ofType(s, "aws:sns/topic:Topic")[0];
  if (!topic) return ["no alarm topic"];
  if (!topic.inputs.kmsMasterKeyId) v.push("alarm topic is not encrypted");
  const sub = ofType(s, "aws:sns/topicSubscription:TopicSubscription").find((x) => x.inputs.topic === topic.state.arn);
  if (sub?.inputs.protocol !== "email" || !sub.inputs.endpoint) v.push("alarm topic has no email subscription");

  for (const role of ROLES) {
    const fn = functionNamed(s, ROLE_NAMES[role].fn);
    if (fn) v.push(...lambdaAlarms(s, ROLE_NAMES[role].fn, fn.state.name, fn.inputs.timeout));
    const dlqArn = JSON.parse(queueNamed(s, ROLE_NAMES[role].queue)?.inputs.redrivePolicy ?? "{}").deadLetterTargetArn;
    const dlq = ofType(s, "aws:sqs/queue:Queue").find((q) => q.state.arn === dlqArn);
    const dlqAlarm = dlq && find(s, "ApproximateNumberOfMessagesVisible", "QueueName", dlq.state.name).some((a) => a.inputs.threshold === 0 && a.inputs.comparisonOperator === "GreaterThanThreshold");
    if (!dlqAlarm) v.push(`${ROLE_NAMES[role].queue}: no alarm on any message in its dead-letter queue`);
  }
  const web = named(s, "aws:lambda/function:Function", "WebServerFunction");
  if (web) v.push(...lambdaAlarms(s, "WebServer", web.state.name, web.inputs.timeout));

  const table = named(s, "aws:dynamodb/table:Table", `${REQUIRED.table.component}Table`);
  const throttle = table && alarms(s).some((a) => ["ReadThrottleEvents", "WriteThrottleEvents"].every((m) => watches(a, m, "TableName", table.state.name)) && a.inputs.threshold === 0);
  if (!throttle) v.push("no alarm on DynamoDB throttled reads and writes");

  const service = ofType(s, "aws:ecs/service:Service").find((x) => x.name === `${REQUIRED.realtime.component}Service`);
  const down = service && alarms(s).some((a) => metricsOf(a).some((m) => m.namespace === "AWS/ECS" && m.dimensions.ServiceName === service.inputs.name) && a.inputs.treatMissingData === "breaching");
  if (!down) v.push("no alarm on the realtime Fargate service being down (missing data must count as breaching)");

  for (const a of alarms(s)) if (!(a.inputs.alarmActions ?? []).includes(topic.state.arn)) v.push(`${a.name}: does not notify the alarm topic`);
  return v;
}

/** The dashboard shows the custom metrics the workers emit. */
export function checkDashboard(s: Snapshot, names: string[]): string[] {
  const body = ofType(s, "aws:cloudwatch/dashboard:Dashboard")[0]?.inputs.dashboardBody ?? "";
  return names.filter((n) => !body.includes(`"${n}"`)).map((n) => `dashboard does not show ${n}`);
}

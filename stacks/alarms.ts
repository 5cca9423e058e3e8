/**
 * Alarm definitions, one builder per signal. Each returns MetricAlarm arguments without the
 * actions (monitoring.ts adds the topic). Periods and thresholds come from config.ALARMS.
 */
import type { Input } from "@pulumi/pulumi";
import type * as awsTypes from "@pulumi/aws";
import { ALARMS } from "./config";

type AlarmArgs = Omit<awsTypes.cloudwatch.MetricAlarmArgs, "alarmActions" | "okActions">;
const base = { evaluationPeriods: ALARMS.evaluationPeriods, period: ALARMS.periodSeconds } as const;
const metric = (namespace: string, metricName: string, stat: string, dimensions: Record<string, Input<string>>) => ({
  metric: { namespace, metricName, stat, period: ALARMS.periodSeconds, dimensions },
});

/** Errors / Invocations as a percentage; quiet when the function is not invoked. */
export function lambdaErrorRate(label: string, functionName: Input<string>): AlarmArgs {
  const dims = { FunctionName: functionName };
  return {
    alarmDescription: `${label}: more than ${ALARMS.lambdaErrorRatePercent}% of invocations failed`,
    comparisonOperator: "GreaterThanThreshold",
    threshold: ALARMS.lambdaErrorRatePercent,
    evaluationPeriods: ALARMS.evaluationPeriods,
    treatMissingData: "notBreaching",
    metricQueries: [
      { id: "errors", returnData: false, ...metric("AWS/Lambda", "Errors", "Sum", dims) },
      { id: "invocations", returnData: false, ...metric("AWS/Lambda", "Invocations", "Sum", dims) },
      { id: "errorRate", label: "Error rate (%)", returnData: true, expression: "IF(invocations > 0, 100 * errors / invocations, 0)" },
    ],
  };
}

/** The slowest invocation passes a fraction of the timeout: the next one may time out. */
export function lambdaDuration(label: string, functionName: Input<string>, timeoutSeconds: number): AlarmArgs {
  return {
    ...base,
    alarmDescription: `${label}: an invocation took over ${ALARMS.lambdaDurationFraction * 100}% of its ${timeoutSeconds}s timeout`,
    namespace: "AWS/Lambda",
    metricName: "Duration",
    statistic: "Maximum",
    dimensions: { FunctionName: functionName },
    comparisonOperator: "GreaterThanThreshold",
    threshold: Math.round(timeoutSeconds * 1000 * ALARMS.lambdaDurationFraction),
    treatMissingData: "notBreaching",
  };
}

/** Read or write throttling on the table (GSI write throttling back-pressures the table too). */
export function tableThrottled(tableName: Input<string>): AlarmArgs {
  const dims = { TableName: tableName };
  return {
    alarmDescription: "DynamoDB requests were throttled",
    comparisonOperator: "GreaterThanThreshold",
    threshold: ALARMS.dynamoThrottledRequests,
    evaluationPeriods: ALARMS.evaluationPeriods,
    treatMissingData: "notBreaching",
    metricQueries: [
      { id: "reads", returnData: false, ...metric("AWS/DynamoDB", "ReadThrottleEvents", "Sum", dims) },
      { id: "writes", returnData: false, ...metric("AWS/DynamoDB", "WriteThrottleEvents", "Sum", dims) },
      { id: "throttled", label: "Throttled requests", returnData: true, expression: "FILL(reads, 0) + FILL(writes, 0)" },
    ],
  };
}

/** Any message in a dead-letter queue is a job that failed all its attempts. */
export function dlqNotEmpty(label: string, queueName: Input<string>): AlarmArgs {
  return {
    ...base,
    alarmDescription: `${label}: messages in the dead-letter queue (jobs that failed every attempt)`,
    namespace: "AWS/SQS",
    metricName: "ApproximateNumberOfMessagesVisible",
    statistic: "Maximum",
    dimensions: { QueueName: queueName },
    comparisonOperator: "GreaterThanThreshold",
    threshold: ALARMS.dlqVisibleMessages,
    treatMissingData: "notBreaching",
  };
}

/** No task reports CPU: the service has no running task. Missing data counts as down. */
export function serviceNotRunning(clusterName: Input<string>, serviceName: Input<string>): AlarmArgs {
  return {
    ...base,
    alarmDescription: "Realtime: fewer running tasks than required (no CPU samples from the service)",
    namespace: "AWS/ECS",
    metricName: "CPUUtilization",
    statistic: "SampleCount",
    dimensions: { ClusterName: clusterName, ServiceName: serviceName },
    comparisonOperator: "LessThanThreshold",
    threshold: ALARMS.realtimeMinRunningTasks,
    treatMissingData: "breaching",
  };
}

/** The load balancer answers 5xx itself when no healthy target is behind it. */
export function loadBalancer5xx(loadBalancerArnSuffix: Input<string>): AlarmArgs {
  return {
    ...base,
    alarmDescription: "Realtime: the load balancer returned 5xx (no healthy task or a failing one)",
    namespace: "AWS/ApplicationELB",
    metricName: "HTTPCode_ELB_5XX_Count",
    statistic: "Sum",
    dimensions: { LoadBalancer: loadBalancerArnSuffix },
    comparisonOperator: "GreaterThanThreshold",
    threshold: ALARMS.realtimeElb5xx,
    treatMissingData: "notBreaching",
  };
}

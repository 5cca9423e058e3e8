/**
 * Alarms to an SNS topic with an email subscription, and one dashboard for the pipeline's
 * custom metrics (Powertools EMF: jobs processed, QA loops, generation time). The topic is
 * encrypted with the platform key, whose policy admits CloudWatch.
 */
import type { Input, Output } from "@pulumi/pulumi";
import { METRICS, REGION, ROLES, WORKERS, WEB } from "./config";
import { dlqNotEmpty, lambdaDuration, lambdaErrorRate, loadBalancer5xx, serviceNotRunning, tableThrottled } from "./alarms";
import type { Queues } from "./queues";
import type { Workers } from "./workers";

export type MonitoringDeps = {
  key: { arn: Output<string> };
  alertEmail: string;
  workers: Workers;
  webServerName: Output<string>;
  sweeperName: Output<string>;
  queues: Queues;
  tableName: Output<string>;
  realtime: { clusterName: Output<string>; serviceName: Output<string>; loadBalancerArnSuffix: Output<string> };
};

export function createMonitoring(d: MonitoringDeps) {
  const topic = new aws.sns.Topic("Alerts", { kmsMasterKeyId: d.key.arn });
  new aws.sns.TopicSubscription("AlertsEmail", { topic: topic.arn, protocol: "email", endpoint: d.alertEmail });

  const definitions: [string, ReturnType<typeof tableThrottled>][] = [
    ...ROLES.flatMap((role) => {
      const label = `${WORKERS[role].functionName}`;
      const fn = d.workers[role].name;
      return [
        [`${label}ErrorRate`, lambdaErrorRate(label, fn)],
        [`${label}Duration`, lambdaDuration(label, fn, WORKERS[role].timeoutSeconds)],
        [`${WORKERS[role].queue}DlqNotEmpty`, dlqNotEmpty(`${WORKERS[role].queue}Dlq`, d.queues[role].dlq.nodes.queue.name)],
      ] as [string, ReturnType<typeof tableThrottled>][];
    }),
    ["WebServerErrorRate", lambdaErrorRate("Web server", d.webServerName)],
    ["WebServerDuration", lambdaDuration("Web server", d.webServerName, WEB.serverTimeoutSeconds)],
    // The sweeper fails its invocation when a part of the sweep failed.
    ["SweeperErrorRate", lambdaErrorRate("Sweeper", d.sweeperName)],
    ["AgentTableThrottled", tableThrottled(d.tableName)],
    ["RealtimeNotRunning", serviceNotRunning(d.realtime.clusterName, d.realtime.serviceName)],
    ["RealtimeElb5xx", loadBalancer5xx(d.realtime.loadBalancerArnSuffix)],
  ];
  const alarms = definitions.map(
    ([name, args]) =>
      new aws.cloudwatch.MetricAlarm(`Alarm${name}`, { ...args, name: `${$app.name}-${$app.stage}-${name}`, alarmActions: [topic.arn], okActions: [topic.arn] }),
  );

  new aws.cloudwatch.Dashboard("Dashboard", {
    dashboardName: `${$app.name}-${$app.stage}`,
    dashboardBody: $jsonStringify({ widgets: dashboardWidgets() }),
  });
  return { topic, alarms };
}

function dashboardWidgets() {
  const widget = (title: string, metrics: Input<string>[][], x: number, stat = "Sum") => ({
    type: "metric",
    x,
    y: 0,
    width: 8,
    height: 6,
    properties: { title, region: REGION, stat, period: 300, metrics },
  });
  const perRole = (name: string) => ROLES.map((role) => [METRICS.namespace, name, "service", `${role}-worker`]);
  return [
    widget("Jobs processed", perRole(METRICS.jobsProcessed), 0),
    widget("QA loops", perRole(METRICS.qaLoops), 8),
    widget("Generation time (ms, p90)", perRole(METRICS.generationTime), 16, "p90"),
  ];
}

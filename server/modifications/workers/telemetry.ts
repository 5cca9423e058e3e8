import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import { env } from "../../env";
import { childLogger } from "../../log";
import type { QueueName } from "../../platform/types";

/**
 * The shared logger (a child per role) and Powertools metrics for one worker role: JSON logs carrying the request id
 * across PM, Dev, QA and Ops, and the AgentBuilder metrics the alarms and dashboard read.
 * Metrics are only emitted in aws mode (locally they would print EMF blobs to stdout).
 */
export function createWorkerTelemetry(role: QueueName) {
  const e = env();
  const serviceName = `${role}-worker`;
  const logger = childLogger(serviceName, e.LOG_LEVEL);
  const metrics = e.APP_RUNTIME === "aws" ? new Metrics({ namespace: "AgentBuilder", serviceName }) : null;
  return {
    logger,
    jobDone(ms: number, qaLoops: number) {
      metrics?.addMetric("JobsProcessed", MetricUnit.Count, 1);
      if (role === "dev") metrics?.addMetric("GenerationTime", MetricUnit.Milliseconds, ms);
      if (role === "qa" && qaLoops > 0) metrics?.addMetric("QaLoops", MetricUnit.Count, qaLoops);
    },
    flush() {
      metrics?.publishStoredMetrics();
    },
  };
}

import type { SQSBatchItemFailure, SQSEvent, SQSBatchResponse } from "aws-lambda";
import type { QueueName } from "../../platform/types";
import type { PipelineDeps } from "./deps";
import { JobMessage, MAX_RECEIVES } from "./job";
import { failAfterRetries, runJob } from "./run-job";
import { createWorkerTelemetry } from "./telemetry";

/**
 * The SQS handler for one role: parse each record with the job schema, run it, and report
 * failures per record (partial batch response). A malformed record fails every delivery and
 * so ends in the dead-letter queue; a job failing its last allowed delivery first marks its
 * modification failed with the reason.
 */
export function createQueueHandler(role: QueueName, getDeps: () => Promise<PipelineDeps>) {
  let telemetry: ReturnType<typeof createWorkerTelemetry> | undefined;
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const deps = await getDeps();
    telemetry ??= createWorkerTelemetry(role);
    const log = telemetry.logger;
    const failures: SQSBatchItemFailure[] = [];
    for (const record of event.Records) {
      const receives = Number(record.attributes?.ApproximateReceiveCount ?? 1);
      let message: JobMessage;
      try {
        message = JobMessage.parse(JSON.parse(record.body));
        if (message.role !== role) throw new Error(`a ${message.role} job on the ${role} queue`);
      } catch (e) {
        log.error("malformed job message", { messageId: record.messageId, receives, error: String(e) });
        failures.push({ itemIdentifier: record.messageId });
        continue;
      }
      const started = performance.now();
      try {
        const qaLoops = await runJob(deps, message);
        const ms = Math.round(performance.now() - started);
        log.info("job done", { requestId: message.requestId, modificationId: message.modificationId, projectId: message.projectId, ms });
        telemetry.jobDone(ms, qaLoops);
      } catch (e) {
        log.error("job failed", { requestId: message.requestId, modificationId: message.modificationId, receives, error: String(e) });
        if (receives >= MAX_RECEIVES) await failAfterRetries(deps, message, e).catch((err) => log.error("could not mark failed", { error: String(err) }));
        failures.push({ itemIdentifier: record.messageId });
      }
    }
    telemetry.flush();
    return { batchItemFailures: failures };
  };
}

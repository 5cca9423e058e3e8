import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { SQSEvent, SQSBatchResponse, SQSRecord } from "aws-lambda";
import type { QueueName } from "../../platform/types";
import type { PipelineDeps } from "./deps";
import { JobMessage, MAX_RECEIVES } from "./job";
import { failAfterRetries, runJob } from "./run-job";
import { createWorkerTelemetry } from "./telemetry";

type Telemetry = ReturnType<typeof createWorkerTelemetry>;

/**
 * The SQS handler for one role: Powertools' batch processor runs each record (one at a
 * time, in order) and reports failures per record (partial batch response). A malformed
 * record, or a job for a modification that does not exist, fails every delivery and so ends
 * in the dead-letter queue; a real job failing its last allowed delivery marks its
 * modification failed with the reason instead, and is then acknowledged.
 */
export function createQueueHandler(role: QueueName, getDeps: () => Promise<PipelineDeps>) {
  let telemetry: Telemetry | undefined;
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const deps = await getDeps();
    const t = (telemetry ??= createWorkerTelemetry(role));
    // One processor per invocation: it keeps the batch's state, and invocations may overlap.
    const processor = new BatchProcessor(EventType.SQS);
    try {
      return await processPartialResponse(event, (record: SQSRecord) => processRecord(role, deps, t, record), processor, {
        throwOnFullBatchFailure: false,
        processInParallel: false,
      });
    } finally {
      t.flush();
    }
  };
}

/** One record: parse, run, log; throws so the batch processor reports it as failed. */
async function processRecord(role: QueueName, deps: PipelineDeps, telemetry: Telemetry, record: SQSRecord): Promise<void> {
  const log = telemetry.logger;
  const receives = Number(record.attributes?.ApproximateReceiveCount ?? 1);
  let message: JobMessage;
  try {
    message = JobMessage.parse(JSON.parse(record.body));
    if (message.role !== role) throw new Error(`a ${message.role} job on the ${role} queue`);
  } catch (e) {
    log.error("malformed job message", { messageId: record.messageId, receives, error: String(e) });
    throw e;
  }
  const started = performance.now();
  try {
    const qaLoops = await runJob(deps, message);
    const ms = Math.round(performance.now() - started);
    log.info("job done", { requestId: message.requestId, modificationId: message.modificationId, projectId: message.projectId, ms });
    telemetry.jobDone(ms, qaLoops);
  } catch (e) {
    log.error("job failed", { requestId: message.requestId, modificationId: message.modificationId, receives, error: String(e) });
    if (receives < MAX_RECEIVES) throw e;
    // The last receive: the failure is recorded on the modification, where its owner sees it,
    // and the message is done. The dead-letter queue keeps what no worker can handle.
    const recorded = await failAfterRetries(deps, message, e).catch((err) => {
      log.error("could not mark failed", { modificationId: message.modificationId, error: String(err) });
      return false;
    });
    if (!recorded) throw e;
  }
}

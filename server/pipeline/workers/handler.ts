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
 * record fails every delivery and so ends in the dead-letter queue; a job failing its last
 * allowed delivery first marks its modification failed with the reason.
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
    if (receives >= MAX_RECEIVES) await failAfterRetries(deps, message, e).catch((err) => log.error("could not mark failed", { error: String(err) }));
    throw e;
  }
}

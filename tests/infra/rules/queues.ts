/** Queues: FIFO with dedup, a FIFO DLQ with enough receives, visibility vs consumer timeout. */
import type { Snapshot } from "../harness/run-stack";
import { functionNamed, ofType, queueNamed } from "./query";
import { REQUIRED, ROLE_NAMES, ROLES } from "./requirements";

export function checkQueues(s: Snapshot): string[] {
  const v: string[] = [];
  const queues = ofType(s, "aws:sqs/queue:Queue");
  const mappings = ofType(s, "aws:lambda/eventSourceMapping:EventSourceMapping");
  for (const role of ROLES) {
    const { queue: name, fn } = ROLE_NAMES[role];
    const q = queueNamed(s, name);
    if (!q) {
      v.push(`${name}: queue is missing`);
      continue;
    }
    const { inputs, state } = q;
    if (inputs.fifoQueue !== true) v.push(`${name}: not a FIFO queue`);
    if (inputs.contentBasedDeduplication !== true) v.push(`${name}: content-based deduplication is off`);
    if (inputs.sqsManagedSseEnabled !== true && !inputs.kmsMasterKeyId) v.push(`${name}: not encrypted at rest`);

    const redrive = inputs.redrivePolicy ? JSON.parse(inputs.redrivePolicy) : undefined;
    const dlq = redrive && queues.find((x) => x.state.arn === redrive.deadLetterTargetArn);
    if (!dlq) v.push(`${name}: no dead-letter queue`);
    else {
      if (dlq.inputs.fifoQueue !== true) v.push(`${name}: dead-letter queue is not FIFO`);
      if (dlq.inputs.sqsManagedSseEnabled !== true && !dlq.inputs.kmsMasterKeyId) v.push(`${name}: dead-letter queue not encrypted at rest`);
      if (!(redrive.maxReceiveCount >= REQUIRED.minMaxReceiveCount)) v.push(`${name}: maxReceiveCount ${redrive.maxReceiveCount} < ${REQUIRED.minMaxReceiveCount}`);
    }

    const consumers = mappings.filter((m) => m.inputs.eventSourceArn === state.arn);
    const worker = functionNamed(s, fn);
    if (consumers.length !== 1 || consumers[0]!.inputs.functionName !== worker?.state.arn) {
      v.push(`${name}: must have exactly one consumer, the ${fn} function`);
      continue;
    }
    const mapping = consumers[0]!.inputs;
    if (!(mapping.functionResponseTypes ?? []).includes("ReportBatchItemFailures")) v.push(`${name}: partial batch responses are off`);
    const timeout = worker!.inputs.timeout;
    if (!(inputs.visibilityTimeoutSeconds >= REQUIRED.minVisibilityRatio * timeout)) {
      v.push(`${name}: visibility timeout ${inputs.visibilityTimeoutSeconds}s < ${REQUIRED.minVisibilityRatio} x ${fn} timeout (${timeout}s)`);
    }
  }
  return v;
}

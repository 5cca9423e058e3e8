/**
 * One FIFO queue per worker role, each with its own FIFO dead-letter queue (a FIFO queue's
 * DLQ must be FIFO). Content-based deduplication drops a repeated send within 5 minutes;
 * the message group is the project id (SqsJobQueue), so one project's jobs run in order while
 * different projects run in parallel. Visibility is 6x the consumer's timeout so a message is
 * never redelivered while its first attempt may still be running. Encrypted with SQS-managed
 * keys (SSE-SQS): a customer key would add KMS permissions to every sender and consumer.
 */
import { QUEUE, ROLES, WORKERS, visibilityTimeoutSeconds, type Role } from "./config";

export type RoleQueue = { queue: sst.aws.Queue; dlq: sst.aws.Queue };
export type Queues = Record<Role, RoleQueue>;

function createRoleQueue(role: Role): RoleQueue {
  const name = WORKERS[role].queue;
  const dlq = new sst.aws.Queue(`${name}Dlq`, {
    fifo: QUEUE.fifo,
    transform: {
      queue: (args) => {
        args.messageRetentionSeconds = QUEUE.dlqRetentionSeconds;
        args.sqsManagedSseEnabled = true;
        return undefined;
      },
    },
  });
  const queue = new sst.aws.Queue(name, {
    fifo: { contentBasedDeduplication: QUEUE.contentBasedDeduplication },
    visibilityTimeout: `${visibilityTimeoutSeconds(role)} seconds`,
    dlq: { queue: dlq.arn, retry: QUEUE.maxReceiveCount },
    transform: {
      queue: (args) => {
        args.sqsManagedSseEnabled = true;
        return undefined;
      },
    },
  });
  return { queue, dlq };
}

export function createQueues(): Queues {
  return Object.fromEntries(ROLES.map((role) => [role, createRoleQueue(role)])) as Queues;
}

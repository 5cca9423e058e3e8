import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { JobQueue, QueueName, SendOptions } from "./types";

/** JobQueue on SQS FIFO queues (aws mode); Lambda's event source calls the handlers. */
export class SqsJobQueue implements JobQueue {
  constructor(private readonly client: SQSClient, private readonly queueUrls: Record<QueueName, string>) {}

  async send(queue: QueueName, body: unknown, options: SendOptions): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrls[queue],
        MessageBody: JSON.stringify(body),
        MessageGroupId: options.groupId,
        MessageDeduplicationId: options.dedupId,
      }),
    );
  }
}

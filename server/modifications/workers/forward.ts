import { ExponentialBackoff, handleAll, retry } from "cockatiel";
import { log } from "../../log";

/**
 * A failed send is retried here, briefly, with backoff (as the AWS SDK retries its own calls);
 * it is not worth a redelivery of the job, which would spend one of the job's receives.
 */
const sendPolicy = retry(handleAll, { maxAttempts: 2, backoff: new ExponentialBackoff({ initialDelay: 20, maxDelay: 500 }) });

/**
 * Hands the chain on to the next job (enqueue the owner, kick the project) after this job's
 * work is stored, or when it had none to do. A send that still fails is logged, not thrown:
 * the modification's status in DynamoDB already says who owns it next, and the sweeper
 * (recoverPending) re-enqueues every unfinished modification's head. Throwing would redeliver
 * a job whose work is done, spend its retry budget on the queue's weather, and after the last
 * receive mark a finished step failed.
 */
export async function forward(modificationId: string, send: () => Promise<void>): Promise<void> {
  try {
    await sendPolicy.execute(send);
  } catch (e) {
    log.warn("could not enqueue the next job; the sweeper will", { modificationId, error: String(e) });
  }
}

/**
 * True when a DynamoDB write was refused by its condition expression. ElectroDB wraps the AWS
 * SDK error in `cause`, so the chain is walked and the SDK's error name is compared; a
 * transaction reports the same refusal as a cancellation reason.
 */
const MAX_CAUSE_DEPTH = 5;

type SdkErrorShape = { name?: unknown; cause?: unknown; CancellationReasons?: Array<{ Code?: unknown }> };

export function isConditionFailure(e: unknown): boolean {
  let current: unknown = e;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && current && typeof current === "object"; depth++) {
    const err = current as SdkErrorShape;
    if (err.name === "ConditionalCheckFailedException") return true;
    if (err.name === "TransactionCanceledException" && err.CancellationReasons?.some((r) => r.Code === "ConditionalCheckFailed")) return true;
    current = err.cause;
  }
  return false;
}

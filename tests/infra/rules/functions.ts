/** Lambda settings: worker sizing and concurrency, and the policy every function follows. */
import type { Snapshot } from "../harness/run-stack";
import { functionNamed, lambdaFunctions, named, ofType } from "./query";
import { REQUIRED, ROLE_NAMES, ROLES } from "./requirements";

export function checkWorkers(s: Snapshot): string[] {
  const v: string[] = [];
  for (const role of ROLES) {
    const { fn: name, handler } = ROLE_NAMES[role];
    const f = functionNamed(s, name)?.inputs;
    if (!f) {
      v.push(`${name}: function is missing`);
      continue;
    }
    if (f.handler !== handler) v.push(`${name}: handler is ${f.handler}, expected ${handler}`);
    if (JSON.stringify(f.architectures) !== JSON.stringify([REQUIRED.architecture])) v.push(`${name}: architecture is ${f.architectures}, expected ${REQUIRED.architecture}`);
    if (f.reservedConcurrentExecutions !== REQUIRED.reservedConcurrency) v.push(`${name}: reserved concurrency is ${f.reservedConcurrentExecutions}, expected ${REQUIRED.reservedConcurrency}`);
    if (!(f.timeout > 0 && f.memorySize >= 128)) v.push(`${name}: timeout/memory not set`);
  }
  const dev = functionNamed(s, ROLE_NAMES.dev.fn)?.inputs;
  if (dev && (dev.timeout !== REQUIRED.dev.timeoutSeconds || dev.memorySize !== REQUIRED.dev.memoryMb)) {
    v.push(`DevWorker: ${dev.timeout}s/${dev.memorySize}MB, expected ${REQUIRED.dev.timeoutSeconds}s/${REQUIRED.dev.memoryMb}MB`);
  }
  return v;
}

/** Every function, the workers and the ones SST builds for the site alike. */
export function checkAllFunctions(s: Snapshot): string[] {
  const v: string[] = [];
  const key = ofType(s, "aws:kms/key:Key")[0];
  for (const fn of lambdaFunctions(s)) {
    const f = fn.inputs;
    if (f.tracingConfig?.mode !== "Active") v.push(`${fn.name}: X-Ray tracing is not active`);
    if (f.loggingConfig?.logFormat !== "JSON") v.push(`${fn.name}: logs are not structured JSON`);
    const group = ofType(s, "aws:cloudwatch/logGroup:LogGroup").find((g) => g.inputs.name === f.loggingConfig?.logGroup);
    if (group?.inputs.retentionInDays !== REQUIRED.logRetentionDays) v.push(`${fn.name}: log retention is ${group?.inputs.retentionInDays}, expected ${REQUIRED.logRetentionDays} days`);
    if (!key || f.kmsKeyArn !== key.state.arn) v.push(`${fn.name}: environment (secrets) not encrypted with the platform KMS key`);
    if (f.provisionedConcurrentExecutions) v.push(`${fn.name}: provisioned concurrency costs money while idle`);
  }
  if (!named(s, "aws:lambda/function:Function", "WebServerFunction")) v.push("the web server function is missing");
  return v;
}

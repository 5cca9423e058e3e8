/**
 * Platform-wide defaults for EVERY Lambda function, including the ones SST creates inside
 * Nextjs: JSON logs kept 7 days, X-Ray active tracing, and environment variables (which
 * carry the secrets) encrypted with the platform's KMS key. `$transform` applies to
 * functions created after it is registered, so index.ts calls this first.
 */
import type { Output } from "@pulumi/pulumi";
import { FUNCTION_DEFAULTS } from "./config";
import { XRAY_ACTIONS } from "./iam";
import { composeTransform, withLogPolicy } from "./transforms";

export function applyFunctionDefaults(key: { arn: Output<string> }) {
  $transform(sst.aws.Function, (args) => {
    args.logging = $output(args.logging).apply((l) => withLogPolicy(l, FUNCTION_DEFAULTS.logRetention) as Exclude<typeof l, undefined>);
    args.permissions = $output(args.permissions ?? []).apply((p) => [
      ...p,
      { actions: XRAY_ACTIONS, resources: ["*"] },
      { actions: ["kms:Decrypt"], resources: [key.arn] },
    ]);
    args.transform = {
      ...args.transform,
      function: composeTransform(args.transform?.function, (fn) => {
        fn.tracingConfig = { mode: FUNCTION_DEFAULTS.tracing };
        fn.kmsKeyArn = key.arn;
      }),
    };
  });
}
